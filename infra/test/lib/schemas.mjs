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

/**
 * Resources of a Gateway API implementation that neither package models, checked against a
 * JSON schema transcribed from the implementation's CRD (only the fields we may use; any
 * other field is an error): NGINX Gateway Fabric's ClientSettingsPolicy.
 */
const size = { type: "string", pattern: "^\\d{1,4}(k|m|g)?$" };
const duration = { type: "string", pattern: "^\\d{1,4}(ms|s)?$" };
export const LOCAL_SCHEMAS = {
  "gateway.nginx.org/v1alpha1/ClientSettingsPolicy": {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
    properties: {
      apiVersion: { const: "gateway.nginx.org/v1alpha1" },
      kind: { const: "ClientSettingsPolicy" },
      metadata: {
        type: "object",
        required: ["name"],
        additionalProperties: false,
        properties: { name: { type: "string" }, labels: { type: "object" }, annotations: { type: "object" } },
      },
      spec: {
        type: "object",
        required: ["targetRef"],
        additionalProperties: false,
        properties: {
          targetRef: {
            type: "object",
            required: ["group", "kind", "name"],
            additionalProperties: false,
            properties: {
              group: { enum: ["gateway.networking.k8s.io"] },
              kind: { enum: ["Gateway", "HTTPRoute", "GRPCRoute"] },
              name: { type: "string", minLength: 1 },
            },
          },
          body: {
            type: "object",
            additionalProperties: false,
            properties: { maxSize: size, timeout: duration },
          },
          keepAlive: {
            type: "object",
            additionalProperties: false,
            properties: {
              requests: { type: "integer", minimum: 0 },
              time: duration,
              timeout: {
                type: "object",
                additionalProperties: false,
                properties: { server: duration, header: duration },
              },
            },
          },
        },
      },
    },
  },
};

let ajv;
/** Ajv's errors for a resource of a LOCAL_SCHEMAS kind (empty when it matches). */
export async function localSchemaErrors(resource) {
  const schema = LOCAL_SCHEMAS[`${resource.apiVersion}/${resource.kind}`];
  if (!schema) return undefined;
  if (!ajv) {
    const { default: Ajv } = await import("ajv");
    ajv = new Ajv({ allErrors: true, strict: false });
  }
  const validate = ajv.compile(schema);
  return validate(resource) ? [] : validate.errors;
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
  const local = await localSchemaErrors(resource);
  if (local) {
    if (local.length) throw new Error(`${resource.kind}: ${JSON.stringify(local)}`);
    return;
  }
  const Model = await modelFor(resource.apiVersion, resource.kind);
  if (!Model) throw new Error(`no schema for ${resource.apiVersion} ${resource.kind}`);
  new Model(structuredClone(resource)).validate();
}
