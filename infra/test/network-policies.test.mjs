// NetworkPolicies (issue 12 finding 1): default deny for every pod of ours; only the gateway
// reaches the services' HTTP ports, only the services reach PostgreSQL, NATS and Redis. The
// policies of each rendered overlay are evaluated as Kubernetes does (a connection needs the
// source's egress and the destination's ingress) over the overlay's real pods and ports:
// every connection a service's configuration needs is allowed, the others are not, and no
// selector or port names something that does not exist.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SERVICES } from "../../scripts/lib/nats-auth.mjs";
import { byKind, containerEnv, find, OVERLAYS, renderOverlay, secretExamples, workloads } from "./lib/repo.mjs";

const NAMESPACE = { name: "app", labels: { "kubernetes.io/metadata.name": "app" } };
const POD_IP = "10.244.1.7";

function selectorMatches(selector, labels = {}) {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const { key, operator, values } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    if (operator === "In" && !(has && values.includes(labels[key]))) return false;
    if (operator === "NotIn" && has && values.includes(labels[key])) return false;
    if (operator === "Exists" && !has) return false;
    if (operator === "DoesNotExist" && has) return false;
  }
  return true;
}

const ipToInt = (ip) => ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
function inCidr(ip, cidr) {
  const [base, bits] = cidr.split("/");
  const mask = Number(bits) === 0 ? 0 : 2 ** 32 - 2 ** (32 - Number(bits));
  return (ipToInt(ip) & mask) >>> 0 === (ipToInt(base) & mask) >>> 0;
}

/** Our pods, the gateway's or ingress controller's pods, DNS, and addresses outside the cluster. */
function peersOf(resources) {
  const pods = workloads(resources).map(({ owner, pod }) => ({
    name: owner.metadata.name,
    ours: true,
    labels: owner.spec.template.metadata.labels,
    namespace: NAMESPACE,
    ip: POD_IP,
    ports: Object.fromEntries(pod.containers.flatMap((c) => (c.ports ?? []).map((p) => [p.name, p.containerPort]))),
  }));
  const gateways = byKind(resources, "Gateway").map((g) => ({
    name: `gateway ${g.metadata.name}`,
    labels: { "gateway.networking.k8s.io/gateway-name": g.metadata.name },
    namespace: NAMESPACE,
    ip: POD_IP,
    ports: { http: 80 },
  }));
  const controllers = byKind(resources, "Ingress").length
    ? [
        {
          name: "ingress-nginx controller",
          labels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" },
          namespace: { name: "ingress-nginx", labels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
          ip: POD_IP,
          ports: { http: 80 },
        },
      ]
    : [];
  const dns = {
    name: "kube-dns",
    labels: { "k8s-app": "kube-dns" },
    namespace: { name: "kube-system", labels: { "kubernetes.io/metadata.name": "kube-system" } },
    ip: POD_IP,
    ports: {},
  };
  return { pods, gateways, controllers, dns };
}

function peerMatches(entry, peer, policyNamespace = NAMESPACE) {
  if (entry.ipBlock) {
    if (!peer.ip || !inCidr(peer.ip, entry.ipBlock.cidr)) return false;
    return !(entry.ipBlock.except ?? []).some((c) => inCidr(peer.ip, c));
  }
  if (!peer.labels) return false; // an address outside the cluster
  const namespaceOk = entry.namespaceSelector
    ? selectorMatches(entry.namespaceSelector, peer.namespace.labels)
    : peer.namespace.name === policyNamespace.name;
  return namespaceOk && selectorMatches(entry.podSelector, peer.labels);
}

function portMatches(rulePorts, destination, port, protocol) {
  if (!rulePorts?.length) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined) return true;
    const number = typeof p.port === "string" ? destination.ports?.[p.port] : p.port;
    return number === port;
  });
}

/** Whether a connection from `src` to `dst` on port/protocol is allowed by the overlay's policies. */
function allowed(policies, src, dst, port, protocol = "TCP") {
  if (src.ours) {
    const egress = policies.filter(
      (p) => p.spec.policyTypes.includes("Egress") && selectorMatches(p.spec.podSelector, src.labels),
    );
    if (
      egress.length &&
      !egress.some((p) =>
        (p.spec.egress ?? []).some(
          (rule) =>
            (rule.to === undefined || rule.to.some((e) => peerMatches(e, dst))) &&
            portMatches(rule.ports, dst, port, protocol),
        ),
      )
    )
      return false;
  }
  if (dst.ours) {
    const ingress = policies.filter(
      (p) => p.spec.policyTypes.includes("Ingress") && selectorMatches(p.spec.podSelector, dst.labels),
    );
    if (
      ingress.length &&
      !ingress.some((p) =>
        (p.spec.ingress ?? []).some(
          (rule) =>
            (rule.from === undefined || rule.from.some((e) => peerMatches(e, src))) &&
            portMatches(rule.ports, dst, port, protocol),
        ),
      )
    )
      return false;
  }
  return true;
}

/** Pods behind a Service name, and the container port a Service port number leads to. */
function serviceTarget(resources, pods, host, port) {
  const service = find(resources, "Service", host.split(".")[0]);
  if (!service) return undefined;
  const sp = service.spec.ports.find((p) => p.port === port) ?? service.spec.ports[0];
  const targets = pods.filter((p) => selectorMatches({ matchLabels: service.spec.selector }, p.labels));
  const target = typeof sp.targetPort === "string" ? targets[0]?.ports[sp.targetPort] : (sp.targetPort ?? sp.port);
  return { pods: targets, port: target };
}

const defaultPort = {
  "postgres:": 5432,
  "redis:": 6379,
  "rediss:": 6379,
  "nats:": 4222,
  "smtp:": 25,
  "smtps:": 465,
  "http:": 80,
  "https:": 443,
};

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay.name}: NetworkPolicies`, () => {
    const resources = renderOverlay(overlay.name);
    const policies = byKind(resources, "NetworkPolicy");
    const secrets = secretExamples(overlay.dev);
    const { pods, gateways, controllers, dns } = peersOf(resources);
    const proxies = [...gateways, ...controllers];
    const pod = (name) => pods.find((p) => p.name === name);
    const routed = new Set(
      [
        ...byKind(resources, "HTTPRoute").flatMap((r) => r.spec.rules.flatMap((rule) => rule.backendRefs ?? [])),
        ...byKind(resources, "Ingress").flatMap((i) =>
          i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service)),
        ),
      ].map((ref) => ref.name),
    );

    /** What each of our pods must be able to reach, from its configuration. */
    function needs() {
      const out = [];
      for (const { owner, pod: spec } of workloads(resources)) {
        if (owner.kind !== "Deployment") continue;
        const src = pod(owner.metadata.name);
        const env = containerEnv(resources, spec.containers[0], secrets);
        for (const key of [
          "DATABASE_URL",
          "NATS_URL",
          "REDIS_URL",
          "SMTP_URL",
          "PAYPAL_API_BASE",
          "API_BASE_URL",
          "WEBHOOK_URL",
        ]) {
          if (!env[key]) continue;
          for (const server of env[key].split(",")) {
            const url = new URL(server.replace("CHANGE_ME.example.com", "db.example.com"));
            const port = Number(url.port) || defaultPort[url.protocol];
            const inCluster = serviceTarget(resources, pods, url.hostname, port);
            if (inCluster?.pods.length) {
              for (const dst of inCluster.pods) out.push({ src, dst, port: inCluster.port, why: key });
            } else if (key === "API_BASE_URL") {
              for (const dst of proxies) out.push({ src, dst, port: dst.ports.http, why: key });
            } else {
              // Outside the cluster: a managed database may be on a private address, the rest are public.
              const ip = key === "DATABASE_URL" ? "10.20.30.40" : "203.0.113.9";
              out.push({ src, dst: { name: url.hostname, ip }, port, why: key });
            }
          }
        }
      }
      return out;
    }

    it("denies by default: every pod of ours is selected for ingress and egress by a rule-less policy", () => {
      const deny = policies.find(
        (p) =>
          !p.spec.ingress &&
          !p.spec.egress &&
          p.spec.policyTypes.includes("Ingress") &&
          p.spec.policyTypes.includes("Egress"),
      );
      assert.ok(deny, "a default-deny policy");
      for (const p of pods) assert.ok(selectorMatches(deny.spec.podSelector, p.labels), `${p.name} is under it`);
    });

    it("every policy selects pods that exist, names peers that exist, and ports those pods have", () => {
      const everyone = [...pods, ...proxies, dns];
      for (const policy of policies) {
        const where = `NetworkPolicy ${policy.metadata.name}`;
        const selected = pods.filter((p) => selectorMatches(policy.spec.podSelector, p.labels));
        assert.ok(selected.length > 0, `${where} selects a pod`);
        for (const expr of policy.spec.podSelector.matchExpressions ?? []) {
          for (const value of expr.values ?? []) {
            assert.ok(
              pods.some((p) => p.labels[expr.key] === value),
              `${where}: ${expr.key}=${value} exists`,
            );
          }
        }
        for (const [rules, side] of [
          [policy.spec.ingress ?? [], "from"],
          [policy.spec.egress ?? [], "to"],
        ]) {
          for (const rule of rules) {
            for (const entry of rule[side] ?? []) {
              if (entry.ipBlock) continue;
              const peers = everyone.filter((peer) => peerMatches(entry, peer));
              assert.ok(peers.length > 0, `${where}: ${side} ${JSON.stringify(entry)} matches a pod`);
              // Named ports must exist on the pod that listens: the selected pod (ingress) or the peer (egress).
              const listeners = side === "from" ? selected : peers;
              for (const p of rule.ports ?? []) {
                if (typeof p.port === "string") {
                  for (const l of listeners)
                    assert.ok(l.ports[p.port], `${where}: ${l.name} has a port named ${p.port}`);
                } else if (side === "to" && peers.every((peer) => peer !== dns)) {
                  assert.ok(
                    peers.some((peer) => Object.values(peer.ports).includes(p.port)),
                    `${where}: a peer listens on ${p.port}`,
                  );
                }
              }
            }
          }
        }
      }
    });

    it("allows each connection a pod's configuration needs, and DNS", () => {
      const list = needs();
      assert.ok(list.length >= SERVICES.length * 2, "the needs were found");
      for (const { src, dst, port, why } of list) {
        assert.ok(allowed(policies, src, dst, port), `${src.name} → ${dst.name}:${port} (${why})`);
      }
      for (const p of pods) assert.ok(allowed(policies, p, dns, 53, "UDP"), `${p.name} → DNS`);
    });

    it("only the gateway reaches the services' and the client's HTTP ports", () => {
      for (const target of pods.filter((p) => routed.has(p.name))) {
        for (const proxy of proxies) {
          assert.ok(allowed(policies, proxy, target, target.ports.http), `${proxy.name} → ${target.name}`);
        }
        // Besides the gateway, only a service whose configuration calls it (payments → the emulator).
        const needed = needs();
        for (const other of pods) {
          const uses = needed.some((n) => n.src === other && n.dst === target);
          assert.equal(allowed(policies, other, target, target.ports.http), uses, `${other.name} → ${target.name}`);
        }
      }
      // A service that is not routed (expiration) is reached by no one but the kubelet.
      for (const other of [...pods, ...proxies]) {
        assert.ok(!allowed(policies, other, pod("expiration"), pod("expiration").ports.http), other.name);
      }
    });

    it("only the services reach PostgreSQL, NATS and Redis, each only what it uses", () => {
      const stores = pods.filter((p) => p.ports.postgres || p.ports.client || p.ports.redis);
      const needed = needs();
      for (const store of stores) {
        const port = store.ports.postgres ?? store.ports.client ?? store.ports.redis;
        for (const src of [...pods, ...proxies]) {
          const uses = needed.some((n) => n.src === src && n.dst === store);
          if (src === store) continue;
          assert.equal(allowed(policies, src, store, port), uses, `${src.name} → ${store.name}:${port}`);
          if (uses) assert.ok(SERVICES.includes(src.name), `${src.name} is a service`);
        }
      }
      // Nothing of ours opens HTTPS, SMTP or PostgreSQL to the internet except the services that need it.
      const internet = { name: "internet", ip: "203.0.113.9" };
      for (const p of pods) {
        const https = allowed(policies, p, internet, 443);
        assert.equal(https, ["auth", "tickets", "payments"].includes(p.name), `${p.name} → internet:443`);
        assert.equal(allowed(policies, p, internet, 465), p.name === "notifications", `${p.name} → SMTP`);
        assert.ok(!allowed(policies, p, internet, 80), `${p.name} → internet:80`);
      }
    });
  });
}
