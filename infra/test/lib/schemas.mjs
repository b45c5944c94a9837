// Kubernetes schema validation with the generated models of `kubernetes-models` (core
// APIs) and `@kubernetes-models/gateway-api` (Gateway API CRDs): each resource is checked
// against the OpenAPI schema of its apiVersion and kind. A kind neither package knows is
// an error: nothing is deployed unchecked.
const cache = new Map();

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group.endsWith("gateway.networking.k8s.io")) return `@kubernetes-models/gateway-api/${group}/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

export async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      import(modulePath(apiVersion, kind)).then(
        (mod) => mod[kind],
        () => undefined,
      ),
    );
  }
  return cache.get(key);
}

/** Throws with the validator's message when the resource does not match its schema. */
export async function validateResource(resource) {
  const Model = await modelFor(resource.apiVersion, resource.kind);
  if (!Model) throw new Error(`no schema for ${resource.apiVersion} ${resource.kind}`);
  new Model(structuredClone(resource)).validate();
}
