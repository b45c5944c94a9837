// The gateway of `npm start` (scripts/dev/gateway.mjs) run as its own process for the
// harness, so proxying never competes with the load generator's event loop. Each route
// may have several replicas: requests go round-robin to those whose /healthz answers
// (what a Kubernetes Service does with its endpoints), so killing a replica sends
// traffic to the survivor within one probe interval.
//
// Environment: GATEWAY_PORT, GATEWAY_ROUTES = JSON [{ prefix, service, ports: [..] }].
import http from "node:http";
import { createGateway } from "../../scripts/dev/gateway.mjs";

const PROBE_MS = 200;
const routes = JSON.parse(process.env.GATEWAY_ROUTES ?? "[]").map((r) => ({
  ...r,
  port: r.ports[0],
  healthy: new Set(r.ports),
  next: 0,
}));

function alive(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/healthz", timeout: 500, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

async function probeAll() {
  await Promise.all(
    routes.flatMap((route) =>
      route.ports.length < 2
        ? [] // one replica: nothing to choose between
        : route.ports.map(async (port) => {
            if (await alive(port)) route.healthy.add(port);
            else route.healthy.delete(port);
          }),
    ),
  );
  setTimeout(probeAll, PROBE_MS).unref();
}

function resolvePort(route) {
  const candidates = route.healthy.size ? [...route.healthy] : route.ports;
  route.next = (route.next + 1) % candidates.length;
  return candidates[route.next];
}

const server = createGateway(routes, { resolvePort, log: () => {} });
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.GATEWAY_PORT), "127.0.0.1", () => {
  probeAll();
  console.log(`gateway listening on ${server.address().port}`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.once("SIGTERM", stop).once("SIGINT", stop);
