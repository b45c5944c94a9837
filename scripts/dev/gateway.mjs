// The local API gateway `npm start` runs in front of the services: the same routing as
// the Kubernetes Gateway/Ingress (./routes.mjs), as a small streaming reverse proxy on
// node:http. Standalone: `node scripts/dev/gateway.mjs` (port: GATEWAY_PORT, default 8080).
import { randomUUID } from "node:crypto";
import http from "node:http";
import { pathToFileURL } from "node:url";

// The same rule the services use (common/src/http/create-app.ts) to keep an incoming id.
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

// Headers that describe one connection, not the message: never forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);
// Set by the gateway itself: the gateway is the edge, so values a client sent are dropped
// (the services trust these headers for the client's address).
const OWN = new Set(["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-request-id"]);

/**
 * The route for a request path: a prefix matches itself and anything below it on a
 * segment boundary (`/api/users` matches `/api/users/x`, not `/api/usersx`). First match wins.
 * @param {Array<{prefix: string}>} routes
 * @param {string} url the request target, query string allowed
 */
export function matchRoute(routes, url) {
  const path = url.split("?", 1)[0];
  return routes.find(({ prefix }) => {
    const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
    return path === base || path.startsWith(`${base}/`);
  });
}

/** Raw header pairs (`rawHeaders` form) without hop-by-hop ones and those the Connection header names. */
function forwardable(raw, drop = new Set()) {
  const named = new Set(drop);
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === "connection") {
      for (const token of raw[i + 1].split(",")) named.add(token.trim().toLowerCase());
    }
  }
  const out = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name)) out.push(raw[i], raw[i + 1]);
  }
  return out;
}

function clientAddress(req) {
  const address = req.socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/** Request headers for the upstream: the client's, the original Host, and the gateway's own. */
function upstreamHeaders(req, requestId, keepUpgrade) {
  const headers = forwardable(req.rawHeaders, OWN);
  if (keepUpgrade && req.headers.upgrade) headers.push("Connection", "Upgrade", "Upgrade", req.headers.upgrade);
  headers.push(
    "X-Forwarded-For",
    clientAddress(req),
    "X-Forwarded-Proto",
    req.socket.encrypted ? "https" : "http",
    "X-Forwarded-Host",
    req.headers.host ?? "",
    "X-Request-Id",
    requestId,
  );
  return headers;
}

function incomingRequestId(req) {
  const id = req.headers["x-request-id"];
  return typeof id === "string" && REQUEST_ID.test(id) ? id : randomUUID();
}

/**
 * The status line and headers of an upstream answer, for writing to a raw socket. With
 * `close`, the body that follows is the decoded one and ends with the connection.
 */
function responseHead(answer, close = false) {
  const raw = close ? [...forwardable(answer.rawHeaders), "Connection", "close"] : answer.rawHeaders;
  const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
  for (let i = 0; i < raw.length; i += 2) lines.push(`${raw[i]}: ${raw[i + 1]}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/** A 502 body the client's error handling understands (the services' error format). */
function unavailable(route) {
  return JSON.stringify({ errors: [{ message: `${route ? route.service : "the service"} is unavailable` }] });
}

/**
 * @param {Array<{prefix: string, service: string, port: number}>} routes
 * @param {{ resolvePort?: (route: object) => number, host?: string, log?: (line: string) => void }} [options]
 *   resolvePort: where a route's service listens now (default: its `port`; tests use it).
 * @returns {http.Server} not yet listening
 */
export function createGateway(routes, options = {}) {
  const { resolvePort = (route) => route.port, host = "127.0.0.1", log = (line) => console.error(line) } = options;
  // Idle upstream sockets are dropped after 30 s, before the services close theirs
  // (their keepAliveTimeout is 65 s), so a request is never sent into a closing socket.
  const agent = new http.Agent({ keepAlive: true, timeout: 30_000, maxSockets: 256 });
  const upgraded = new Set(); // websocket pairs: the server does not track them, close() must

  const server = http.createServer((req, res) => {
    const requestId = incomingRequestId(req);
    const route = matchRoute(routes, req.url ?? "/");
    const reply = (status, body) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "x-request-id": requestId,
      });
      res.end(body);
    };
    // Only reachable with a table that has no "/" catch-all, or an absolute-form target.
    if (!route) return reply(404, JSON.stringify({ errors: [{ message: "Not found" }] }));

    const upstream = http.request({
      host,
      port: resolvePort(route),
      method: req.method,
      path: req.url,
      headers: upstreamHeaders(req, requestId, false),
      agent,
    });
    upstream.on("response", (answer) => {
      const headers = forwardable(answer.rawHeaders);
      if (!answer.headers["x-request-id"]) headers.push("X-Request-Id", requestId);
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    let clientGone = false;
    upstream.on("error", (err) => {
      if (clientGone) return;
      log(`${req.method} ${req.url} -> ${route.service}: ${err.code ?? err.message}`);
      if (res.headersSent)
        res.destroy(); // failed mid-response: the client sees a cut connection
      else reply(502, unavailable(route));
    });
    // The client went away: stop the upstream request too (it may be a long download).
    res.on("close", () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    req.pipe(upstream);
  });

  // Websockets (Next.js dev's hot reload): forward the handshake, then splice the sockets.
  server.on("upgrade", (req, socket, head) => {
    const route = matchRoute(routes, req.url ?? "/");
    const upstream = http.request({
      host,
      port: route ? resolvePort(route) : 0,
      method: req.method,
      path: req.url,
      headers: upstreamHeaders(req, incomingRequestId(req), true),
      agent: false, // an upgraded socket leaves the pool for good
    });
    socket.on("error", () => upstream.destroy());
    upstream.on("upgrade", (answer, upSocket, upHead) => {
      socket.write(responseHead(answer));
      if (upHead.length) socket.write(upHead);
      if (head.length) upSocket.write(head);
      upgraded.add(socket).add(upSocket);
      const close = () => {
        socket.destroy();
        upSocket.destroy();
        upgraded.delete(socket);
        upgraded.delete(upSocket);
      };
      socket.on("close", close);
      upSocket.on("close", close).on("error", close);
      upSocket.pipe(socket).pipe(upSocket);
    });
    // The upstream refused the upgrade with a normal response: pass it on, then close.
    upstream.on("response", (answer) => {
      socket.write(responseHead(answer, true));
      answer.pipe(socket);
    });
    upstream.on("error", () => {
      const body = unavailable(route);
      socket.end(
        `HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    upstream.end();
  });

  server.on("close", () => {
    for (const socket of upgraded) socket.destroy();
    agent.destroy();
  });
  return server;
}

// Standalone: node scripts/dev/gateway.mjs
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const { ROUTES } = await import("./routes.mjs");
  const port = Number(process.env.GATEWAY_PORT || 8080);
  const server = createGateway(ROUTES).listen(port, () => console.log(`gateway listening on http://localhost:${port}`));
  const stop = () => {
    server.close();
    server.closeAllConnections();
  };
  process.once("SIGINT", stop).once("SIGTERM", stop);
}
