// Tests for the local gateway: node --test scripts/dev/gateway.test.mjs
// Every service of the real routing table is played by a small echo server on a free port.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { after, before, describe, test } from "node:test";
import { clientKey, createGateway, matchRoute } from "./gateway.mjs";
import { ROUTES } from "./routes.mjs";

// One upstream per service: several prefixes can lead to one (tickets serves /api/events too),
// and an upstream started twice would leave the first one open.
const SERVICES = [...new Set(ROUTES.map((r) => r.service))];

const listen = (server) =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
const sha256 = (buffer) => createHash("sha256").update(buffer).digest("hex");
const BIG = randomBytes(8 * 1024 * 1024);

/** Answers held back by `/hold` paths until a test releases them. */
const held = [];

/** An upstream that answers with what it received, plus a few special paths. */
function echoServer(service) {
  const server = http.createServer(async (req, res) => {
    if (req.url === "/big") return res.end(BIG);
    if (req.url?.endsWith("/hold")) return held.push(res);
    if (req.url === "/cookies") {
      res.setHeader("Set-Cookie", ["session=abc; Path=/; HttpOnly", "theme=dark; Path=/"]);
      return res.end("{}");
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        service,
        method: req.method,
        url: req.url,
        headers: req.headers,
        length: body.length,
        sha: sha256(body),
      }),
    );
  });
  // A websocket-style upgrade that echoes what it gets.
  server.on("upgrade", (req, socket) => {
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${req.headers.upgrade}\r\nConnection: Upgrade\r\nX-Service: ${service}\r\n\r\n`,
    );
    socket.pipe(socket);
  });
  return server;
}

/** One request through the gateway; resolves with status, headers and the body. */
function request(port, path, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const json = res.headers["content-type"]?.includes("json") ? JSON.parse(raw.toString()) : undefined;
        resolve({ status: res.statusCode, headers: res.headers, raw, json });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("gateway", () => {
  const upstreams = {};
  const ports = {};
  let gateway;
  let port;

  before(async () => {
    for (const service of SERVICES) {
      upstreams[service] = echoServer(service);
      ports[service] = await listen(upstreams[service]);
    }
    // orders is down: a port that was free a moment ago.
    upstreams.orders.close();
    gateway = createGateway(ROUTES, { resolvePort: (route) => ports[route.service], log: () => {} });
    port = await listen(gateway);
  });

  after(async () => {
    gateway.close();
    gateway.closeAllConnections();
    for (const server of Object.values(upstreams)) {
      server.closeAllConnections();
      server.close();
    }
  });

  test("the route table sends every prefix and its subpaths to its service", async () => {
    for (const { prefix, service } of ROUTES) {
      if (service === "orders") continue; // down on purpose, see the 502 test
      for (const path of [prefix, `${prefix.replace(/\/$/, "")}/x/y?q=1&r=%20`]) {
        const res = await request(port, path);
        assert.equal(res.status, 200, path);
        assert.equal(res.json.service, service, path);
        assert.equal(res.json.url, path, "the path and query are passed unchanged");
      }
    }
  });

  test("prefixes match on a path-segment boundary; / catches the rest", async () => {
    const cases = {
      "/api/users": "auth",
      "/api/users?x=1": "auth",
      "/api/users/": "auth",
      "/api/usersx": "client",
      "/api/tickets-old": "client",
      "/api": "client",
      "/": "client",
      "/orders/1": "client",
    };
    for (const [path, service] of Object.entries(cases)) {
      assert.equal(matchRoute(ROUTES, path).service, service, path);
      assert.equal((await request(port, path)).json.service, service, path);
    }
  });

  test("first match wins", () => {
    const routes = [
      { prefix: "/api/a", service: "one" },
      { prefix: "/api", service: "two" },
      { prefix: "/api/a/b", service: "never" },
    ];
    assert.equal(matchRoute(routes, "/api/a/b").service, "one");
    assert.equal(matchRoute(routes, "/api/ab").service, "two");
    assert.equal(matchRoute(routes, "/other"), undefined);
  });

  test("forwarded headers: Host kept, X-Forwarded-* set by the gateway, hop-by-hop dropped", async () => {
    const res = await request(port, "/api/tickets", {
      headers: {
        Host: "ticketing.test:8080",
        "X-Forwarded-For": "6.6.6.6", // a client cannot spoof its address
        "X-Forwarded-Host": "evil.test",
        Connection: "keep-alive, x-hop",
        "X-Hop": "secret",
        "X-Multi": ["a", "b"],
        Cookie: "session=abc",
      },
    });
    const h = res.json.headers;
    assert.equal(h.host, "ticketing.test:8080");
    assert.equal(h["x-forwarded-for"], "127.0.0.1");
    assert.equal(h["x-forwarded-proto"], "http");
    assert.equal(h["x-forwarded-host"], "ticketing.test:8080");
    assert.equal(h["x-hop"], undefined);
    assert.equal(h["x-multi"], "a, b");
    assert.equal(h.cookie, "session=abc");
  });

  test("x-request-id: a valid one is kept, otherwise a UUID is generated and returned", async () => {
    const kept = await request(port, "/api/users", { headers: { "X-Request-Id": "req-123.abc_X" } });
    assert.equal(kept.json.headers["x-request-id"], "req-123.abc_X");
    assert.equal(kept.headers["x-request-id"], "req-123.abc_X");

    for (const headers of [{}, { "X-Request-Id": "bad id with spaces" }]) {
      const res = await request(port, "/api/users", { headers });
      const id = res.json.headers["x-request-id"];
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(res.headers["x-request-id"], id);
    }
  });

  test("several Set-Cookie headers reach the client intact", async () => {
    const res = await request(port, "/cookies");
    assert.equal(res.status, 200);
    assert.deepEqual(res.headers["set-cookie"], ["session=abc; Path=/; HttpOnly", "theme=dark; Path=/"]);
  });

  test("request and response bodies stream through (8 MB each way)", async () => {
    const up = await request(port, "/api/payments/upload", {
      method: "PUT",
      headers: { "content-type": "application/octet-stream" }, // no length: chunked
      body: BIG,
    });
    assert.equal(up.status, 200);
    assert.equal(up.json.length, BIG.length);
    assert.equal(up.json.sha, sha256(BIG));

    const down = await request(port, "/big");
    assert.equal(down.raw.length, BIG.length);
    assert.equal(sha256(down.raw), sha256(BIG));
  });

  test("a service that is down gives 502 with a JSON error naming it", async () => {
    const res = await request(port, "/api/orders/1", { method: "POST", body: "{}" });
    assert.equal(res.status, 502);
    assert.deepEqual(res.json, { errors: [{ message: "orders is unavailable" }] });
    assert.ok(res.headers["x-request-id"]);
  });

  test("websocket upgrades are proxied both ways", async () => {
    const socket = await new Promise((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1",
        port,
        path: "/_next/webpack-hmr",
        headers: { Connection: "Upgrade", Upgrade: "websocket" },
      });
      req.on("upgrade", (res, sock) => {
        assert.equal(res.headers["x-service"], "client");
        resolve(sock);
      });
      req.on("response", (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
      req.on("error", reject);
      req.end();
    });
    const echoed = new Promise((resolve) => socket.once("data", (d) => resolve(d.toString())));
    socket.write("ping");
    assert.equal(await echoed, "ping");
    socket.destroy();
  });

  test("an upgrade to a service that is down gives 502", async () => {
    const res = await new Promise((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1",
        port,
        path: "/api/orders/ws",
        headers: { Connection: "Upgrade", Upgrade: "websocket" },
      });
      req.on("response", resolve);
      req.on("upgrade", () => reject(new Error("upgraded")));
      req.on("error", reject);
      req.end();
    });
    assert.equal(res.statusCode, 502);
    res.resume();
  });
});

/** Polls `check` until it returns true (real state, no fixed sleeps); fails after 10 s. */
async function eventually(check, what) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const connections = (server) => new Promise((resolve) => server.getConnections((_e, n) => resolve(n)));
const closed = (socket) => new Promise((resolve) => (socket.destroyed ? resolve() : socket.once("close", resolve)));

/** A raw connection to the gateway that has sent `text` (and nothing more, yet). */
function rawSocket(port, text) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(text);
      resolve(socket);
    });
    socket.resume(); // read, so that a close by the gateway is noticed
    socket.on("error", () => {}); // resets are what some tests expect
    socket.once("error", reject);
  });
}

describe("gateway under attack (issue 12, finding 4)", () => {
  const ports = {};
  const servers = {};
  let upgradesSeen = 0;
  let signinsSeen = 0;
  const gateways = [];

  before(async () => {
    for (const service of SERVICES) {
      servers[service] = echoServer(service);
      ports[service] = await listen(servers[service]);
    }
    servers.auth.on("request", (req) => {
      if (req.url === "/api/users/signin") signinsSeen++;
    });
    // The client's upstream accepts upgrade handshakes and never answers them; like a
    // websocket server it closes its side when the gateway closes the connection.
    servers.client.removeAllListeners("upgrade");
    servers.client.on("upgrade", (_req, socket) => {
      upgradesSeen++;
      socket.resume().on("end", () => socket.end());
    });
  });

  after(() => {
    for (const gateway of gateways) {
      gateway.close();
      gateway.closeAllConnections();
    }
    for (const server of Object.values(servers)) {
      server.closeAllConnections();
      server.close();
    }
  });

  async function startGateway(limits) {
    const gateway = createGateway(ROUTES, { resolvePort: (route) => ports[route.service], log: () => {}, limits });
    gateways.push(gateway);
    return { gateway, port: await listen(gateway) };
  }

  test("upgrade requests the client aborts leave no socket open on either side", async () => {
    const { gateway, port } = await startGateway();
    const handshake = "GET /_next/webpack-hmr HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n";
    const sockets = [];
    for (let i = 0; i < 20; i++) sockets.push(await rawSocket(port, handshake));
    await eventually(() => upgradesSeen >= 20, "the upstream to see 20 handshakes");
    assert.equal(await connections(servers.client), 20);
    for (const socket of sockets) socket.destroy();
    await eventually(async () => (await connections(servers.client)) === 0, "the upstream sockets to close");
    await eventually(async () => (await connections(gateway)) === 0, "the gateway's sockets to close");
  });

  test("slow-body sign-ins hold no connection to auth; sign-in, pages and other routes still answer", async () => {
    const { port } = await startGateway({ maxSocketsPerRoute: 4 });
    const before = signinsSeen;
    const slow = [];
    const head =
      "POST /api/users/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
    for (let i = 0; i < 30; i++) slow.push(await rawSocket(port, head));
    assert.equal(await connections(servers.auth), 0, "no upstream connection is taken for an unfinished small body");
    const signin = await request(port, "/api/users/signin", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.test", password: "x" }),
    });
    assert.equal(signin.status, 200);
    assert.equal(signin.json.service, "auth");
    assert.equal((await request(port, "/")).json.service, "client");
    assert.equal((await request(port, "/api/tickets")).json.service, "tickets");
    assert.equal(signinsSeen, before + 1, "only the complete sign-in reached auth");
    for (const socket of slow) socket.destroy();
  });

  test("headers and bodies sent too slowly are cut off", async () => {
    const { port } = await startGateway({ headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 });
    const noHeaders = await rawSocket(port, "GET / HTTP/1.1\r\nHost: x\r\n");
    const noBody = await rawSocket(port, "POST /api/users/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
    await closed(noHeaders);
    await closed(noBody);
  });

  test("one client cannot hold more than its share of connections", async () => {
    const { port } = await startGateway({ maxConnectionsPerClient: 3 });
    const kept = [];
    for (let i = 0; i < 3; i++) kept.push(await rawSocket(port, "GET / HTTP/1.1\r\nHost: x\r\n"));
    const extra = await rawSocket(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await closed(extra);
    assert.ok(kept.every((socket) => !socket.destroyed));
    for (const socket of kept) socket.destroy();
    await eventually(
      async () => (await request(port, "/api/tickets").catch(() => ({}))).status === 200,
      "a new connection",
    );
  });

  test("a route's burst beyond its sockets and queue gets 429 with Retry-After at once; other routes answer", async () => {
    const { port } = await startGateway({ maxSocketsPerRoute: 2, maxQueuedPerRoute: 2 });
    // Two requests hold orders' two sockets, two more wait for them: the route is full.
    const waiting = Array.from({ length: 4 }, () => request(port, "/api/orders/hold"));
    while (held.length < 2) await new Promise((r) => setImmediate(r));
    const refused = await request(port, "/api/orders/x");
    assert.equal(refused.status, 429);
    assert.ok(["1", "2", "3", "4", "5"].includes(refused.headers["retry-after"]));
    assert.match(refused.json.errors[0].message, /orders is busy/);
    assert.equal((await request(port, "/api/tickets/x")).status, 200);
    // Answered, the route takes requests again.
    while (held.length) held.shift().end("{}");
    while (held.length < 2) await new Promise((r) => setImmediate(r));
    while (held.length) held.shift().end("{}");
    for (const answer of await Promise.all(waiting)) assert.equal(answer.status, 200);
    assert.equal((await request(port, "/api/orders/x")).status, 200);
  });

  test("clients are counted by IPv4 address or IPv6 /64", () => {
    assert.equal(clientKey("::ffff:198.51.100.4"), "198.51.100.4");
    assert.equal(clientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(clientKey("::1"), "0:0:0:0::/64");
  });
});
