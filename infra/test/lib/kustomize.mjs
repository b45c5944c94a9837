// A small, strict implementation of the part of Kustomize our manifests use, so the tests
// render exactly what `skaffold dev` (kustomize build) deploys without a kustomize binary:
// `resources` (files and folders), `components` (kind: Component) and `patches` given as
// JSON 6902 operations (add, remove, replace, test) with a `target` selector.
//
// It is stricter than Kustomize on purpose: any other kustomization field, a strategic
// merge patch, a duplicate resource or a patch whose target matches nothing is an error,
// so a manifest can never rely on behaviour these tests do not reproduce.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

const FIELDS = {
  Kustomization: new Set(["apiVersion", "kind", "resources", "components", "patches"]),
  Component: new Set(["apiVersion", "kind", "resources", "components", "patches"]),
};
const API_VERSIONS = {
  Kustomization: "kustomize.config.k8s.io/v1beta1",
  Component: "kustomize.config.k8s.io/v1alpha1",
};

/** Every YAML document of a file, parsed strictly (duplicate keys and syntax errors throw). */
export function readYamlDocuments(file) {
  const text = fs.readFileSync(file, "utf8");
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true });
  const out = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function readKustomization(dir, expectedKind) {
  const file = path.join(dir, "kustomization.yaml");
  if (!fs.existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const [k, ...rest] = readYamlDocuments(file);
  if (!k || rest.length) throw new Error(`${file}: expected exactly one document`);
  const kind = k.kind ?? "Kustomization";
  if (kind !== expectedKind) throw new Error(`${file}: kind ${kind}, expected ${expectedKind}`);
  if (k.apiVersion !== API_VERSIONS[kind]) throw new Error(`${file}: apiVersion must be ${API_VERSIONS[kind]}`);
  for (const key of Object.keys(k)) {
    if (!FIELDS[kind].has(key)) throw new Error(`${file}: field "${key}" is not supported by the test renderer`);
  }
  return { file, k };
}

/** The identity Kustomize uses to tell resources apart. */
export function resourceId(r) {
  const group = r.apiVersion?.includes("/") ? r.apiVersion.split("/")[0] : "";
  return `${group}/${r.kind}/${r.metadata?.namespace ?? ""}/${r.metadata?.name}`;
}

function addResources(acc, list, origin) {
  for (const r of list) {
    if (!r.apiVersion || !r.kind || !r.metadata?.name)
      throw new Error(`${origin}: a resource without apiVersion, kind or name`);
    const id = resourceId(r);
    if (acc.some((other) => resourceId(other) === id)) throw new Error(`${origin}: duplicate resource ${id}`);
    acc.push(r);
  }
}

function accumulate(dir, kind, acc) {
  const { file, k } = readKustomization(dir, kind);
  for (const entry of k.resources ?? []) {
    const target = path.resolve(dir, entry);
    if (!fs.existsSync(target)) throw new Error(`${file}: resource ${entry} does not exist`);
    const list = fs.statSync(target).isDirectory() ? render(target) : readYamlDocuments(target);
    addResources(acc, list, `${file} (${entry})`);
  }
  for (const entry of k.components ?? []) accumulate(path.resolve(dir, entry), "Component", acc);
  for (const [i, patch] of (k.patches ?? []).entries()) applyPatch(acc, patch, dir, `${file} patches[${i}]`);
  return acc;
}

/** Renders a kustomization folder (what `kustomize build <dir>` prints), as plain objects. */
export function render(dir) {
  return accumulate(path.resolve(dir), "Kustomization", []);
}

// ----------------------------------------------------------------------------- patches

const TARGET_FIELDS = new Set(["group", "version", "kind", "name", "namespace", "labelSelector"]);

/** Kustomize treats name, kind, group, version and namespace of a target as anchored regexes. */
function matchesTarget(r, target) {
  const [group, version] = r.apiVersion.includes("/") ? r.apiVersion.split("/") : ["", r.apiVersion];
  const fields = { group, version, kind: r.kind, name: r.metadata.name, namespace: r.metadata.namespace ?? "" };
  for (const [key, value] of Object.entries(target)) {
    if (key === "labelSelector") continue;
    if (!new RegExp(`^(?:${value})$`).test(fields[key])) return false;
  }
  if (target.labelSelector) {
    for (const term of target.labelSelector.split(",")) {
      const [key, value] = term.split("=").map((s) => s.trim());
      if (value === undefined) throw new Error(`labelSelector term "${term}" is not key=value`);
      if (r.metadata.labels?.[key] !== value) return false;
    }
  }
  return true;
}

function applyPatch(resources, patch, dir, where) {
  for (const key of Object.keys(patch)) {
    if (!["target", "patch", "path"].includes(key)) throw new Error(`${where}: field "${key}" is not supported`);
  }
  if (!patch.target) throw new Error(`${where}: needs a target (strategic merge patches are not supported)`);
  for (const key of Object.keys(patch.target)) {
    if (!TARGET_FIELDS.has(key)) throw new Error(`${where}: target field "${key}" is not supported`);
  }
  const text = patch.patch ?? (patch.path && fs.readFileSync(path.resolve(dir, patch.path), "utf8"));
  if (!text) throw new Error(`${where}: needs patch or path`);
  const ops = YAML.parse(text, { uniqueKeys: true });
  if (!Array.isArray(ops)) throw new Error(`${where}: only JSON 6902 patches (a list of operations) are supported`);
  const targets = resources.filter((r) => matchesTarget(r, patch.target));
  if (targets.length === 0) throw new Error(`${where}: target ${JSON.stringify(patch.target)} matches no resource`);
  for (const r of targets) {
    for (const op of ops) {
      try {
        applyOperation(r, op);
      } catch (err) {
        throw new Error(`${where}: ${op.op} ${op.path} on ${r.kind}/${r.metadata.name}: ${err.message}`);
      }
    }
  }
}

function parsePointer(pointer) {
  if (typeof pointer !== "string" || !pointer.startsWith("/")) throw new Error(`bad JSON pointer ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function arrayIndex(array, token, allowEnd) {
  if (allowEnd && token === "-") return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new Error(`"${token}" is not an array index`);
  const index = Number(token);
  if (index > array.length || (!allowEnd && index === array.length)) throw new Error(`index ${index} out of range`);
  return index;
}

/** RFC 6902 add, remove, replace and test on a plain object (in place). */
export function applyOperation(doc, { op, path: pointer, value }) {
  const tokens = parsePointer(pointer);
  const last = tokens.pop();
  let parent = doc;
  for (const token of tokens) {
    parent = Array.isArray(parent) ? parent[arrayIndex(parent, token, false)] : parent?.[token];
    if (parent === undefined || parent === null || typeof parent !== "object") throw new Error("path does not exist");
  }
  const isArray = Array.isArray(parent);
  const exists = isArray ? /^\d+$/.test(last) && Number(last) < parent.length : Object.hasOwn(parent, last);
  const copy = value === undefined ? undefined : structuredClone(value);
  switch (op) {
    case "add":
      if (isArray) parent.splice(arrayIndex(parent, last, true), 0, copy);
      else parent[last] = copy;
      return;
    case "replace":
      if (!exists) throw new Error("path does not exist");
      if (isArray) parent[arrayIndex(parent, last, false)] = copy;
      else parent[last] = copy;
      return;
    case "remove":
      if (!exists) throw new Error("path does not exist");
      if (isArray) parent.splice(arrayIndex(parent, last, false), 1);
      else delete parent[last];
      return;
    case "test":
      if (!exists || JSON.stringify(isArray ? parent[Number(last)] : parent[last]) !== JSON.stringify(value)) {
        throw new Error(`test failed: expected ${JSON.stringify(value)}`);
      }
      return;
    default:
      throw new Error(`operation "${op}" is not supported`);
  }
}
