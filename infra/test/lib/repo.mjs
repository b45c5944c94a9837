// What the deployment checks read from the repository: workspaces, their Dockerfiles,
// the services' real configuration schemas, the rendered overlays and the secret examples.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readYamlDocuments, render } from "./kustomize.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const K8S = path.join(ROOT, "infra/k8s");
export const rel = (file) => path.relative(ROOT, file);
const require = createRequire(import.meta.url);

export const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
export const readText = (file) => fs.readFileSync(path.join(ROOT, file), "utf8");
export const exists = (file) => fs.existsSync(path.join(ROOT, file));

/** Workspace folders of the root package.json, with their package names. */
export function workspaces() {
  return readJson("package.json").workspaces.map((dir) => ({ dir, name: readJson(`${dir}/package.json`).name }));
}

/** Workspaces that ship an image: every one with a Dockerfile (common is a library). */
export const imageWorkspaces = () => workspaces().filter(({ dir }) => exists(`${dir}/Dockerfile`));

/** The overlays `skaffold` can deploy, and whether each is a development one. */
export const OVERLAYS = [
  { name: "dev", dev: true, routing: "gateway" },
  { name: "dev-ingress", dev: true, routing: "ingress" },
  { name: "prod", dev: false, routing: "gateway" },
  { name: "prod-ingress", dev: false, routing: "ingress" },
];

const rendered = new Map();
/** The overlay's resources as `kustomize build` prints them (cached; treat as read-only). */
export function renderOverlay(name) {
  if (!rendered.has(name)) rendered.set(name, render(path.join(K8S, "overlays", name)));
  return rendered.get(name);
}

export const byKind = (resources, kind) => resources.filter((r) => r.kind === kind);
export const find = (resources, kind, name) => resources.find((r) => r.kind === kind && r.metadata.name === name);

/** Pod templates of Deployments and StatefulSets, with their owner. */
export function workloads(resources) {
  return resources
    .filter((r) => r.kind === "Deployment" || r.kind === "StatefulSet")
    .map((r) => ({ owner: r, pod: r.spec.template.spec }));
}

/**
 * The environment a container gets, as name → value: ConfigMap values are resolved from
 * the rendered resources, Secret values from the environment's `*.env.example` files
 * (undefined when an optional Secret key is absent from them).
 */
export function containerEnv(resources, container, secrets) {
  const env = {};
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) throw new Error(`${container.name}: only configMapRef is used in envFrom`);
    const map = find(resources, "ConfigMap", source.configMapRef.name);
    if (!map) throw new Error(`${container.name}: ConfigMap ${source.configMapRef.name} is not deployed`);
    Object.assign(env, map.data);
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (value !== undefined) env[name] = value;
    else if (valueFrom?.configMapKeyRef) {
      env[name] = find(resources, "ConfigMap", valueFrom.configMapKeyRef.name)?.data?.[valueFrom.configMapKeyRef.key];
    } else if (valueFrom?.secretKeyRef) {
      env[name] = secrets[valueFrom.secretKeyRef.name]?.[valueFrom.secretKeyRef.key];
    } else if (valueFrom?.fieldRef) env[name] = `<${valueFrom.fieldRef.fieldPath}>`;
  }
  return env;
}

/** `KEY=value` lines of an env file (comments and blank lines skipped), as kubectl reads them. */
export function parseEnvFile(text) {
  const out = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const eq = trimmed.indexOf("=");
    if (eq < 1) throw new Error(`not KEY=value: ${line}`);
    out[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return out;
}

/** Secret name → its example keys and values, for the dev or prod overlays. */
export function secretExamples(dev) {
  const dir = path.join(K8S, "overlays", dev ? "dev" : "prod", "secrets");
  const out = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".env.example"))) {
    out[file.slice(0, -".env.example".length)] = parseEnvFile(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  return out;
}

/**
 * A service's configuration schema, from its built `dist/config.js` (`npm test` builds
 * every workspace first): the exported zod object whose name ends in ConfigSchema.
 * Undefined for workspaces without one (the client, the emulator).
 */
export function configSchema(dir) {
  const file = path.join(ROOT, dir, "dist/config.js");
  if (!fs.existsSync(file)) return undefined;
  const mod = require(file);
  const entry = Object.entries(mod).find(([key, value]) => key.endsWith("ConfigSchema") && value?.safeParse);
  return entry?.[1];
}

/** Variables the schema cannot do without: those parsing an empty environment reports. */
export function requiredVariables(schema) {
  const result = schema.safeParse({});
  if (result.success) return [];
  return [...new Set(result.error.issues.filter((i) => i.path.length === 1).map((i) => String(i.path[0])))].sort();
}

/** Every variable a schema reads (its object shape's keys). */
export function knownVariables(schema) {
  const shape = schema.shape ?? schema.def?.shape ?? schema._def?.schema?.shape;
  return new Set(Object.keys(shape ?? {}));
}

export { readYamlDocuments };
