// One routing table everywhere: the local gateway of `npm start` (scripts/dev/routes.mjs,
// matched by scripts/dev/gateway.mjs), the Gateway API route, the Ingress and the nginx
// gateway of docker-compose must send every path to the same service and port.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchRoute } from "../../scripts/dev/gateway.mjs";
import { ROUTES } from "../../scripts/dev/routes.mjs";
import { byKind, containerEnv, find, OVERLAYS, readText, renderOverlay, secretExamples } from "./lib/repo.mjs";

/** The seed documentation's paths, answered by each service as aliases of ours (see README's API table). */
const SEED_PATHS = {
  "/api/users/changePassword": "auth:3001",
  "/api/users/update": "auth:3001",
  "/api/users/requestOauth-google": "auth:3001",
  "/api/tickets/new": "tickets:3002",
  "/api/payments": "payments:3004",
};

/** Paths that tell prefix semantics apart: each prefix, below it, beside it, with a query; and the seed's paths. */
function probePaths() {
  const out = new Set(["/", "/tickets/abc", "/api", "/api/", "/apix", "/favicon.ico", ...Object.keys(SEED_PATHS)]);
  for (const { prefix } of ROUTES) {
    for (const suffix of ["", "/", "/x", "/x/y", "x", "-x", "?a=b", "/x?a=/api/users"]) out.add(`${prefix}${suffix}`);
  }
  return [...out];
}
const pathOf = (url) => url.split("?", 1)[0];

/** Gateway API PathPrefix (and Ingress Prefix): whole segments, the longest prefix wins. */
function prefixMatch(prefix, path) {
  const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  return path === base || path.startsWith(`${base}/`) || prefix === "/";
}
function longestPrefix(table, url) {
  const path = pathOf(url);
  return table.filter((r) => prefixMatch(r.prefix, path)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

/** What the local gateway does for a path: `service:port`. */
const local = (url) => {
  const r = matchRoute(ROUTES, url);
  return r && `${r.service}:${r.port}`;
};

function httpRouteTable(route) {
  return route.spec.rules.map((rule) => {
    assert.equal(rule.matches.length, 1, "one match per rule");
    assert.equal(rule.matches[0].path.type, "PathPrefix");
    assert.equal(rule.backendRefs.length, 1, "one backend per rule");
    return { prefix: rule.matches[0].path.value, target: `${rule.backendRefs[0].name}:${rule.backendRefs[0].port}` };
  });
}

function ingressTable(rule) {
  return rule.http.paths.map((p) => {
    assert.equal(p.pathType, "Prefix");
    return { prefix: p.path, target: `${p.backend.service.name}:${p.backend.service.port.number}` };
  });
}

/** nginx: an exact `location = /x` first, then the longest prefix `location /x/`. */
function nginxTable(conf) {
  const locations = [...conf.matchAll(/location (= )?(\S+) \{ proxy_pass http:\/\/([\w-]+):(\d+); \}/g)].map((m) => ({
    exact: Boolean(m[1]),
    prefix: m[2],
    target: `${m[3]}:${m[4]}`,
  }));
  assert.ok(locations.length > 0, "nginx.conf has locations");
  return (url) => {
    const path = pathOf(url);
    const exact = locations.find((l) => l.exact && l.prefix === path);
    if (exact) return exact.target;
    return locations
      .filter((l) => !l.exact && path.startsWith(l.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0]?.target;
  };
}

describe("routing table", () => {
  it("the local table sends API prefixes to their services and the rest to the client", () => {
    assert.equal(local("/api/users/signin"), "auth:3001");
    assert.equal(local("/api/usersx"), "client:3000");
    assert.equal(local("/"), "client:3000");
  });

  it("the seed documentation's paths reach the service that answers them (every table is compared below)", () => {
    for (const [path, target] of Object.entries(SEED_PATHS)) assert.equal(local(path), target, path);
  });

  for (const overlay of OVERLAYS) {
    it(`${overlay.name}: the ${overlay.routing} routes agree with the local gateway on every path`, () => {
      const resources = renderOverlay(overlay.name);
      const tables =
        overlay.routing === "gateway"
          ? [httpRouteTable(find(resources, "HTTPRoute", "ticketing"))]
          : find(resources, "Ingress", "ticketing").spec.rules.map(ingressTable);
      for (const table of tables) {
        for (const url of probePaths()) {
          assert.equal(longestPrefix(table, url)?.target, local(url), `${overlay.name}: ${url}`);
        }
        // Every backend is a Service of the overlay on that port.
        for (const { target } of table) {
          const [name, port] = target.split(":");
          const service = find(resources, "Service", name);
          assert.ok(
            service?.spec.ports.some((p) => p.port === Number(port)),
            `${target} is a Service port`,
          );
        }
      }
    });

    it(`${overlay.name}: the public host is routed, and SSR's API_BASE_URL reaches the same routes`, () => {
      const resources = renderOverlay(overlay.name);
      const client = find(resources, "Deployment", "client").spec.template.spec.containers[0];
      const apiBase = new URL(containerEnv(resources, client, secretExamples(overlay.dev)).API_BASE_URL);
      const publicHost = overlay.dev ? "ticketing.dev" : "ticketing.example.com";
      const publicUrl = new URL(find(resources, "ConfigMap", "ticketing-config").data.PUBLIC_URL);
      assert.equal(publicUrl.hostname, publicHost, "PUBLIC_URL is the routed host");
      if (overlay.routing === "gateway") {
        const route = find(resources, "HTTPRoute", "ticketing");
        assert.deepEqual(route.spec.hostnames, [publicHost, apiBase.hostname]);
        const gateway = find(resources, "Gateway", route.spec.parentRefs[0].name);
        assert.ok(gateway, "the route's parent Gateway is deployed");
        // NGINX Gateway Fabric names the Gateway's Service <gateway>-<gatewayclass>.
        assert.equal(apiBase.hostname, `${gateway.metadata.name}-${gateway.spec.gatewayClassName}`);
        assert.ok(gateway.spec.listeners.some((l) => l.protocol === "HTTP" && l.port === Number(apiBase.port || 80)));
        for (const r of byKind(resources, "HTTPRoute")) {
          assert.ok(
            r.spec.parentRefs.every((p) => find(resources, "Gateway", p.name)),
            `${r.metadata.name}: parent`,
          );
        }
      } else {
        const ingress = find(resources, "Ingress", "ticketing");
        assert.deepEqual(
          ingress.spec.rules.map((r) => r.host),
          [publicHost, apiBase.hostname],
        );
      }
      if (!overlay.dev) {
        const tls =
          overlay.routing === "gateway"
            ? find(resources, "Gateway", "ticketing").spec.listeners.find((l) => l.protocol === "HTTPS")
            : find(resources, "Ingress", "ticketing").spec.tls?.[0];
        assert.ok(tls, "production terminates TLS");
      }
    });
  }

  it("docker-compose's nginx gateway agrees with the local gateway on every path", () => {
    const nginx = nginxTable(readText("infra/compose/nginx.conf"));
    for (const url of probePaths()) assert.equal(nginx(url), local(url), url);
  });
});
