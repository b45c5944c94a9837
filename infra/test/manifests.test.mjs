// The rendered overlays (exactly what skaffold deploys) against the Kubernetes schemas,
// plus the fields schema validation cannot see missing: probes, resources, security,
// graceful termination, and that every Deployment has its Service, budget, autoscaler,
// route, configuration and Secrets.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, it } from "node:test";
import {
  byKind,
  configSchema,
  containerEnv,
  exists,
  find,
  knownVariables,
  OVERLAYS,
  ROOT,
  readText,
  renderOverlay,
  requiredVariables,
  secretExamples,
  workloads,
  workspaces,
} from "./lib/repo.mjs";
import { validateResource } from "./lib/schemas.mjs";
import { unknownFields } from "./lib/strict-fields.mjs";

const require = createRequire(import.meta.url);
const OUR_IMAGE = /^ticketing-/; // skaffold artifacts (skaffold.yaml); everything else is pinned
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const containersOf = (pod) => [...(pod.initContainers ?? []), ...pod.containers];

/** Services of ours whose Deployment is named after their workspace folder. */
const deployed = (resources) =>
  workspaces().filter(({ dir }) => find(resources, "Deployment", dir) && exists(`${dir}/Dockerfile`));

/** Backends reached by each Service name through an HTTPRoute or an Ingress. */
function routedServices(resources) {
  const names = new Set();
  for (const route of byKind(resources, "HTTPRoute")) {
    for (const rule of route.spec.rules) for (const ref of rule.backendRefs ?? []) names.add(ref.name);
  }
  for (const ingress of byKind(resources, "Ingress")) {
    for (const rule of ingress.spec.rules) for (const p of rule.http.paths) names.add(p.backend.service.name);
  }
  return names;
}

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay.name}`, () => {
    const resources = renderOverlay(overlay.name);
    const secrets = secretExamples(overlay.dev);

    it("every resource validates against its Kubernetes or Gateway API schema", async () => {
      for (const r of resources) {
        await assert.doesNotReject(validateResource(r), `${r.kind}/${r.metadata.name}`);
      }
    });

    it("no resource has a field its schema does not define (misspellings pass schema validation)", async () => {
      for (const r of resources) {
        assert.deepEqual(await unknownFields(r), [], `${r.kind}/${r.metadata.name}`);
      }
    });

    it("commits no Secret: every one is created with kubectl from the *.env.example files", () => {
      assert.deepEqual(byKind(resources, "Secret"), []);
    });

    it("every container has probes, requests and limits, and runs unprivileged", () => {
      for (const { owner, pod } of workloads(resources)) {
        const where = `${owner.kind}/${owner.metadata.name}`;
        assert.equal(pod.automountServiceAccountToken, false, `${where}: no API token needed`);
        assert.equal(pod.securityContext?.runAsNonRoot, true, `${where}: runAsNonRoot`);
        assert.ok(pod.securityContext?.runAsUser > 0, `${where}: a non-root runAsUser`);
        assert.equal(pod.securityContext?.seccompProfile?.type, "RuntimeDefault", `${where}: seccomp`);
        for (const c of containersOf(pod)) {
          const at = `${where} container ${c.name}`;
          assert.ok(c.readinessProbe, `${at}: readinessProbe`);
          assert.ok(c.livenessProbe, `${at}: livenessProbe`);
          for (const kind of ["requests", "limits"]) {
            assert.ok(c.resources?.[kind]?.cpu && c.resources?.[kind]?.memory, `${at}: cpu and memory ${kind}`);
          }
          assert.equal(c.securityContext?.allowPrivilegeEscalation, false, `${at}: allowPrivilegeEscalation`);
          assert.deepEqual(c.securityContext?.capabilities?.drop, ["ALL"], `${at}: drop all capabilities`);
          // Development containers of our images get sources synced in and recompile them.
          const writable = overlay.dev && OUR_IMAGE.test(c.image);
          assert.equal(c.securityContext?.readOnlyRootFilesystem, !writable, `${at}: readOnlyRootFilesystem`);
          if (!OUR_IMAGE.test(c.image)) assert.match(c.image, /^[^:]+:\d[\w.-]*$/, `${at}: image pinned to a version`);
        }
      }
    });

    it("every Deployment has a Service, a PodDisruptionBudget, an autoscaler and a route", () => {
      const routed = routedServices(resources);
      for (const d of byKind(resources, "Deployment")) {
        const name = d.metadata.name;
        const labels = d.spec.template.metadata.labels;
        assert.ok(matches(d.spec.selector.matchLabels, labels), `${name}: selector matches its pods`);
        const services = byKind(resources, "Service").filter((s) => matches(s.spec.selector, labels));
        assert.ok(services.length > 0, `${name}: a Service selects its pods`);
        const portNames = new Set(d.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name)));
        for (const s of services) {
          for (const p of s.spec.ports)
            assert.ok(portNames.has(p.targetPort), `${name}: Service port ${p.name} targets a named port`);
        }
        const pdb = byKind(resources, "PodDisruptionBudget").find((p) => matches(p.spec.selector.matchLabels, labels));
        assert.ok(pdb, `${name}: a PodDisruptionBudget`);
        const hpa = byKind(resources, "HorizontalPodAutoscaler").find(
          (h) => h.spec.scaleTargetRef.kind === "Deployment" && h.spec.scaleTargetRef.name === name,
        );
        if (d.metadata.annotations?.["ticketing/single-replica"]) {
          assert.equal(d.spec.replicas, 1, `${name}: single replica`);
          assert.equal(hpa, undefined, `${name}: a single-replica Deployment is never autoscaled`);
        } else {
          assert.ok(hpa, `${name}: a HorizontalPodAutoscaler`);
          assert.ok(hpa.spec.minReplicas <= hpa.spec.maxReplicas);
          assert.equal(
            hpa.spec.minReplicas,
            d.spec.replicas,
            `${name}: the autoscaler starts from the Deployment's replicas`,
          );
        }
        if (!d.metadata.annotations?.["ticketing/no-route"]) {
          assert.ok(
            services.some((s) => routed.has(s.metadata.name)),
            `${name}: routed by the gateway`,
          );
        }
      }
    });

    it("backend services are probed on /readyz and /healthz and get time to shut down gracefully", () => {
      for (const { dir } of deployed(resources)) {
        const schema = configSchema(dir);
        if (!schema) continue;
        const d = find(resources, "Deployment", dir);
        const pod = d.spec.template.spec;
        const c = pod.containers[0];
        assert.equal(c.readinessProbe.httpGet?.path, "/readyz", `${dir}: readiness`);
        assert.equal(c.livenessProbe.httpGet?.path, "/healthz", `${dir}: liveness`);
        const env = containerEnv(resources, c, secrets);
        const shutdownMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? schema.shape.SHUTDOWN_TIMEOUT_MS.parse(undefined));
        const pause = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
        const grace = pod.terminationGracePeriodSeconds ?? 30;
        assert.ok(grace >= 30, `${dir}: terminationGracePeriodSeconds ≥ 30`);
        assert.ok(grace >= pause + shutdownMs / 1000 + 5, `${dir}: ${grace}s covers ${pause}s + ${shutdownMs}ms + 5s`);
      }
    });

    it("every service gets each variable its configuration schema requires, and nothing it does not read", () => {
      for (const { dir } of deployed(resources)) {
        const schema = configSchema(dir);
        if (!schema) continue;
        const d = find(resources, "Deployment", dir);
        const c = d.spec.template.spec.containers[0];
        const env = containerEnv(resources, c, secrets);
        for (const name of requiredVariables(schema)) assert.ok(name in env, `${dir}: ${name} is required`);
        // Its own ConfigMap and env entries (the shared ConfigMap serves every service).
        const own = [
          ...Object.keys(find(resources, "ConfigMap", `${dir}-config`)?.data ?? {}),
          ...(c.env ?? []).map((e) => e.name),
        ];
        const known = knownVariables(schema);
        for (const name of own) assert.ok(known.has(name), `${dir}: ${name} is not read by ${dir}/src/config.ts`);
      }
      // The shared ConfigMap serves every backend: each of its variables is read by one at least.
      const schemas = deployed(resources)
        .map(({ dir }) => configSchema(dir))
        .filter(Boolean);
      for (const name of Object.keys(find(resources, "ConfigMap", "ticketing-config").data)) {
        assert.ok(
          schemas.some((s) => knownVariables(s).has(name)),
          `shared ${name} is read by no service`,
        );
      }
    });

    it("every variable a service requires is documented in a README table (its own, or the shared one)", () => {
      const row = (name) => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, "m");
      const shared = readText("README.md");
      for (const { dir } of deployed(resources)) {
        const schema = configSchema(dir);
        if (!schema) continue;
        const own = exists(`${dir}/README.md`) ? readText(`${dir}/README.md`) : "";
        for (const name of requiredVariables(schema)) {
          assert.ok(row(name).test(own) || row(name).test(shared), `${dir}: a README table row for ${name}`);
        }
      }
    });

    it("the configuration each service is given parses with its real schema", () => {
      for (const { dir } of deployed(resources)) {
        const c = find(resources, "Deployment", dir).spec.template.spec.containers[0];
        const env = Object.fromEntries(Object.entries(containerEnv(resources, c, secrets)).filter(([, v]) => v));
        const schema = configSchema(dir);
        if (schema) {
          const result = schema.safeParse(env);
          assert.ok(result.success, `${dir}: ${JSON.stringify(result.error?.issues)}`);
        } else if (exists(`${dir}/dist/config.js`)) {
          // Services without a zod schema (the PayPal emulator) validate in loadConfig.
          const { loadConfig } = require(path.join(ROOT, dir, "dist/config.js"));
          if (loadConfig) assert.doesNotThrow(() => loadConfig(env), dir);
        }
      }
    });

    it("every ConfigMap, Secret key and volume claim a pod uses exists or is documented", () => {
      for (const { owner, pod } of workloads(resources)) {
        const where = `${owner.kind}/${owner.metadata.name}`;
        for (const c of containersOf(pod)) {
          for (const from of c.envFrom ?? []) {
            assert.ok(
              find(resources, "ConfigMap", from.configMapRef?.name),
              `${where}: ConfigMap ${from.configMapRef?.name}`,
            );
          }
          for (const e of c.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            if (ref && !ref.optional) {
              assert.ok(
                ref.key in (secrets[ref.name] ?? {}),
                `${where}: Secret ${ref.name} key ${ref.key} has a .env.example`,
              );
            }
            const cm = e.valueFrom?.configMapKeyRef;
            if (cm)
              assert.ok(
                cm.key in (find(resources, "ConfigMap", cm.name)?.data ?? {}),
                `${where}: ${cm.name}/${cm.key}`,
              );
          }
          const volumes = new Set((pod.volumes ?? []).map((v) => v.name));
          for (const t of owner.spec.volumeClaimTemplates ?? []) volumes.add(t.metadata.name);
          for (const m of c.volumeMounts ?? []) assert.ok(volumes.has(m.name), `${where}: volume ${m.name}`);
        }
        for (const v of pod.volumes ?? []) {
          if (v.configMap)
            assert.ok(find(resources, "ConfigMap", v.configMap.name), `${where}: ConfigMap ${v.configMap.name}`);
          if (v.persistentVolumeClaim) {
            assert.ok(find(resources, "PersistentVolumeClaim", v.persistentVolumeClaim.claimName), `${where}: PVC`);
          }
        }
      }
    });

    it("data stores keep their data on persistent volumes", () => {
      for (const s of byKind(resources, "StatefulSet")) {
        const templates = new Set((s.spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name));
        const mounts = s.spec.template.spec.containers.flatMap((c) => c.volumeMounts ?? []);
        assert.ok(
          mounts.some((m) => templates.has(m.name)),
          `${s.metadata.name}: data on a volume claim`,
        );
      }
      // Redis: every write in the append-only file (the expiration queue survives a restart).
      const redis = find(resources, "StatefulSet", "redis").spec.template.spec.containers[0];
      assert.match(redis.args.join(" "), /--appendonly yes/);
      assert.match(redis.args.join(" "), /--dir \/data/);
      assert.ok(redis.volumeMounts.some((m) => m.mountPath === "/data"));
      // NATS: JetStream's store on the volume.
      const nats = find(resources, "StatefulSet", "nats");
      const conf = find(resources, "ConfigMap", "nats-config").data["nats.conf"];
      assert.match(conf, /jetstream\s*\{[^}]*store_dir:\s*\/data\//);
      assert.ok(
        nats.spec.template.spec.containers[0].volumeMounts.some((m) => m.name === "data" && m.mountPath === "/data"),
      );
      // Auth's photos: a volume claim in development, Cloudinary (required) in production.
      const auth = find(resources, "Deployment", "auth").spec.template.spec;
      const photos = auth.volumes.find((v) => v.name === "photos");
      if (overlay.dev) assert.equal(photos.persistentVolumeClaim?.claimName, "auth-photos");
      else {
        const cloudinary = auth.containers[0].env.find((e) => e.name === "CLOUDINARY_URL");
        assert.equal(cloudinary.valueFrom.secretKeyRef.optional, undefined, "CLOUDINARY_URL required in production");
      }
    });

    if (overlay.dev) {
      it("development: one replica, a PostgreSQL per service database, single-node NATS, the emulator", () => {
        for (const d of byKind(resources, "Deployment")) assert.equal(d.spec.replicas, 1, d.metadata.name);
        for (const { dir } of deployed(resources)) {
          const schema = configSchema(dir);
          if (!schema || !requiredVariables(schema).includes("DATABASE_URL")) continue;
          const pg = find(resources, "StatefulSet", `${dir}-postgres`);
          assert.ok(pg, `${dir}: a PostgreSQL StatefulSet`);
          const env = containerEnv(resources, pg.spec.template.spec.containers[0], secrets);
          assert.equal(env.POSTGRES_USER, dir, `${dir}: a user of its own`);
          assert.equal(env.POSTGRES_DB, dir, `${dir}: a database of its own`);
          const url = new URL(secrets[`${dir}-database`].DATABASE_URL);
          assert.equal(url.hostname, `${dir}-postgres`);
          assert.equal(url.username, dir);
          assert.equal(
            decodeURIComponent(url.password),
            env.POSTGRES_PASSWORD,
            `${dir}: DATABASE_URL has its password`,
          );
          assert.equal(url.pathname, `/${dir}`);
          assert.ok(find(resources, "Service", `${dir}-postgres`), `${dir}: its PostgreSQL has a Service`);
        }
        assert.equal(find(resources, "StatefulSet", "nats").spec.replicas, 1);
        const payments = containerEnv(
          resources,
          find(resources, "Deployment", "payments").spec.template.spec.containers[0],
          secrets,
        );
        assert.equal(payments.PAYPAL_API_BASE, "http://paypal-emulator:3009");
        assert.ok(find(resources, "Deployment", "paypal-emulator"));
      });
    } else {
      it("production: 2 replicas and autoscaling, a 3-node NATS cluster with 3 stream replicas, external PostgreSQL", () => {
        for (const d of byKind(resources, "Deployment")) assert.equal(d.spec.replicas, 2, d.metadata.name);
        for (const h of byKind(resources, "HorizontalPodAutoscaler")) assert.ok(h.spec.minReplicas >= 2);
        const nats = find(resources, "StatefulSet", "nats");
        assert.equal(nats.spec.replicas, 3);
        const conf = find(resources, "ConfigMap", "nats-config").data["nats.conf"];
        for (const i of [0, 1, 2]) assert.match(conf, new RegExp(`nats://nats-${i}\\.${nats.spec.serviceName}:6222`));
        assert.ok(find(resources, "Service", nats.spec.serviceName)?.spec.clusterIP === "None", "headless Service");
        assert.equal(find(resources, "ConfigMap", "ticketing-config").data.NATS_STREAM_REPLICAS, "3");
        assert.equal(
          byKind(resources, "StatefulSet").filter((s) => s.metadata.name.endsWith("-postgres")).length,
          0,
          "no in-cluster PostgreSQL",
        );
        for (const { dir } of deployed(resources)) {
          const c = find(resources, "Deployment", dir).spec.template.spec.containers[0];
          const url = (c.env ?? []).find((e) => e.name === "DATABASE_URL");
          if (url)
            assert.equal(url.valueFrom?.secretKeyRef?.name, `${dir}-database`, `${dir}: DATABASE_URL from a Secret`);
        }
        assert.equal(find(resources, "Deployment", "paypal-emulator"), undefined, "no emulator in production");
      });
    }
  });
}
