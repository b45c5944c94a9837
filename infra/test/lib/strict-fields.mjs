// Finds fields a resource has but its schema does not define (e.g. `readinesProbe`): the
// OpenAPI schemas of Kubernetes allow unknown fields, and the API server drops them
// silently, so a misspelled optional field would pass validation and do nothing.
//
// The field names come from the same generated models the validator uses: each model's
// `.d.ts` declares a class listing every property of that type (inherited ones included)
// with the model type of each property, so the walk follows the schema all the way down.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localSchemaErrors } from "./schemas.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const typeCache = new Map();

/** The installed folder of a package, looked up the way Node does (node_modules upwards). */
function packageDir(pkg, fromDir) {
  for (let dir = fromDir || HERE; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", pkg);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`package ${pkg} not found`);
  }
}

function declarationFile(spec, fromDir) {
  const bare = spec.replace(/\.js$/, "");
  if (bare.startsWith(".")) return path.resolve(fromDir, `${bare}.d.ts`);
  const [scopeOrName, ...rest] = bare.split("/");
  const pkg = scopeOrName.startsWith("@") ? `${scopeOrName}/${rest.shift()}` : scopeOrName;
  return path.join(packageDir(pkg, fromDir), `${rest.join("/")}.d.ts`);
}

/** Reads a property's type text starting after `: `, across lines, until its closing `;`. */
function readType(lines, start, first) {
  let text = first;
  let depth = (first.match(/[{<]/g) ?? []).length - (first.match(/[}>]/g) ?? []).length;
  let i = start;
  while (depth > 0 || !text.trimEnd().endsWith(";")) {
    i += 1;
    const line = lines[i].trim();
    text += ` ${line}`;
    depth += (line.match(/[{<]/g) ?? []).length - (line.match(/[}>]/g) ?? []).length;
  }
  return { type: text.trim().replace(/;$/, ""), end: i };
}

/**
 * The properties of the model declared in `file`: name → type descriptor, or null when
 * the file declares no class (a scalar alias such as Quantity or IntOrString).
 */
function modelType(file) {
  if (typeCache.has(file)) return typeCache.get(file);
  typeCache.set(file, null); // recursive types (JSONSchemaProps) end here
  const text = fs.readFileSync(file, "utf8");
  const imports = new Map();
  for (const m of text.matchAll(/import \{([^}]+)\} from "([^"]+)";/g)) {
    for (const name of m[1].split(",").map((s) => s.trim())) imports.set(name, [m[2], path.dirname(file)]);
  }
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^export declare class \w+ extends Model</.test(l));
  if (start < 0) return null;
  const props = new Map();
  for (let i = start + 1; i < lines.length && !lines[i].startsWith("}"); i++) {
    const m = /^ {4}"([^"]+)"\??: (.*)$/.exec(lines[i]);
    if (!m) continue;
    const { type, end } = readType(lines, i, m[2]);
    i = end;
    props.set(m[1], describe(type, imports));
  }
  typeCache.set(file, props);
  return props;
}

/** A property's type: { array: T } | { map: T } | { model: file } | null (anything else: a leaf). */
function describe(type, imports) {
  let m = /^Array<(.+)>$/.exec(type);
  if (m) return { array: describe(m[1], imports) };
  m = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (m) return { map: describe(m[1], imports) };
  if (imports.has(type)) return { model: declarationFile(...imports.get(type)) };
  return null;
}

function walk(value, descriptor, at, out) {
  if (!descriptor || value === null || value === undefined) return;
  if (descriptor.array) {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, descriptor.array, `${at}[${i}]`, out);
    }
  } else if (descriptor.map) {
    if (typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, descriptor.map, `${at}.${k}`, out);
  } else if (descriptor.model) {
    const props = modelType(descriptor.model);
    if (!props || typeof value !== "object" || Array.isArray(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (!props.has(key)) out.push(`${at}.${key}`);
      else walk(v, props.get(key), `${at}.${key}`, out);
    }
  }
}

function rootFile(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group.endsWith("gateway.networking.k8s.io")) {
    return declarationFile(`@kubernetes-models/gateway-api/${group}/${version}/${kind}`, "");
  }
  return declarationFile(
    group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`,
    "",
  );
}

/** Paths (e.g. `spec.template.spec.containers[0].readinesProbe`) of fields no schema defines. */
export async function unknownFields(resource) {
  // Kinds checked against a transcribed schema: it refuses unknown fields itself.
  const local = await localSchemaErrors(resource);
  if (local) {
    return local
      .filter((e) => e.keyword === "additionalProperties")
      .map((e) => `${resource.kind}${e.instancePath.replaceAll("/", ".")}.${e.params.additionalProperty}`);
  }
  const file = rootFile(resource.apiVersion, resource.kind);
  if (!fs.existsSync(file)) return [`no model for ${resource.apiVersion} ${resource.kind}`];
  const out = [];
  walk(resource, { model: file }, resource.kind, out);
  return out;
}
