// The local API gateway `npm start` runs in front of the services: the same routing as
// the Kubernetes Gateway/Ingress (./routes.mjs), as a small streaming reverse proxy on
// node:http. Standalone: `node scripts/dev/gateway.mjs` (port: GATEWAY_PORT, default 8080).
// It is the edge of the local system, so it bounds what one client can hold (GATEWAY_LIMITS):
// header and body time, connections per client, one pool per route, buffered small bodies,
// and upgrade handshakes that are closed with the client.
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

/** The key a client's connections are counted under: its IPv4 address, or its IPv6 /64. */
export function clientKey(address = "") {
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (!plain.includes(":")) return plain;
  // Expand `::` so the first four groups are the /64.
  const [head, tail = ""] = plain.split("::");
  const left = head ? head.split(":") : [];
  const right = plain.includes("::") && tail ? tail.split(":") : [];
  const groups = plain.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}

/** Limits that keep one client, or one slow route, from starving everyone else. */
export const GATEWAY_LIMITS = {
  /** Time to send the request line and headers. */
  headersTimeoutMs: 10_000,
  /** Time to send the whole request, body included (a 5 MB photo needs ~85 kB/s). */
  requestTimeoutMs: 60_000,
  /** A handshake the upstream has not answered by then is abandoned (both sockets closed). */
  upgradeTimeoutMs: 10_000,
  /** Open connections per client address (IPv6: per /64); more are closed at once. */
  maxConnectionsPerClient: 64,
  /** Connections to one service: each route has its own pool, so one cannot starve another. */
  maxSocketsPerRoute: 128,
  /**
   * Requests of one route waiting for one of its sockets beyond which new ones are answered
   * at once with 429 and `Retry-After` of 1–5 s, spread at random so that thousands of refused
   * clients do not all come back in the same second (an on-sale's burst): a queue without a
   * bound only turns into time-outs. The services shed load the same way (SHED_DB_WAITING).
   */
  maxQueuedPerRoute: 256,
  /**
   * A request body up to this size is read completely before a connection to the service is
   * taken, so a client sending it slowly holds only its own connection to the gateway (as
   * nginx's proxy_request_buffering). Larger bodies (photos) stream.
   */
  bufferBodyBytes: 1024 * 1024,
  /** How often Node checks the two time-outs above. */
  checkIntervalMs: 1_000,
};

/** Reads up to `limit` bytes of the body; resolves with them and whether the body ended. */
function bufferBody(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const done = (ended) => {
      req.off("data", onData).off("end", onEnd).off("close", onClose);
      if (!ended) req.pause();
      resolve({ head: Buffer.concat(chunks), ended });
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) done(false);
    };
    const onEnd = () => done(true);
    const onClose = () => done(true);
    req.on("data", onData).on("end", onEnd).on("close", onClose);
  });
}

/**
 * @param {Array<{prefix: string, service: string, port: number}>} routes
 * @param {{ resolvePort?: (route: object) => number, host?: string, log?: (line: string) => void,
 *   limits?: Partial<typeof GATEWAY_LIMITS> }} [options]
 *   resolvePort: where a route's service listens now (default: its `port`; tests use it).
 * @returns {http.Server} not yet listening
 */
export function createGateway(routes, options = {}) {
  const { resolvePort = (route) => route.port, host = "127.0.0.1", log = (line) => console.error(line) } = options;
  const limits = { ...GATEWAY_LIMITS, ...options.limits };
  // Idle upstream sockets are dropped after 30 s, before the services close theirs
  // (their keepAliveTimeout is 65 s), so a request is never sent into a closing socket.
  // One pool per route: a service that is slow or flooded uses up only its own sockets.
  const agents = new Map(
    routes.map((route) => [
      route,
      new http.Agent({ keepAlive: true, timeout: 30_000, maxSockets: limits.maxSocketsPerRoute }),
    ]),
  );
  const inFlight = new Map(routes.map((route) => [route, 0])); // requests forwarded, not yet answered
  const upgraded = new Set(); // websocket pairs: the server does not track them, close() must
  const perClient = new Map(); // client key -> open connections

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req, res) => {
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

      if (inFlight.get(route) >= limits.maxSocketsPerRoute + limits.maxQueuedPerRoute) {
        res.setHeader("retry-after", String(1 + Math.floor(Math.random() * 5)));
        return reply(429, JSON.stringify({ errors: [{ message: `${route.service} is busy; try again in a second` }] }));
      }
      inFlight.set(route, inFlight.get(route) + 1);
      res.once("close", () => inFlight.set(route, inFlight.get(route) - 1));

      let clientGone = false;
      let upstream;
      // The client went away: stop the upstream request too (it may be a long download).
      res.on("close", () => {
        if (res.writableFinished) return;
        clientGone = true;
        upstream?.destroy();
      });
      bufferBody(req, limits.bufferBodyBytes).then(({ head, ended }) => {
        // Gone before its request was complete: nothing to forward.
        if (clientGone || (ended && !req.complete)) return;
        upstream = http.request({
          host,
          port: resolvePort(route),
          method: req.method,
          path: req.url,
          headers: upstreamHeaders(req, requestId, false),
          agent: agents.get(route),
        });
        upstream.on("response", (answer) => {
          const headers = forwardable(answer.rawHeaders);
          if (!answer.headers["x-request-id"]) headers.push("X-Request-Id", requestId);
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
          answer.pipe(res);
          answer.on("error", () => res.destroy());
        });
        upstream.on("error", (err) => {
          if (clientGone) return;
          log(`${req.method} ${req.url} -> ${route.service}: ${err.code ?? err.message}`);
          if (res.headersSent)
            res.destroy(); // failed mid-response: the client sees a cut connection
          else reply(502, unavailable(route));
        });
        if (head.length) upstream.write(head);
        if (ended) upstream.end();
        else {
          req.pipe(upstream);
          req.resume();
        }
      });
    },
  );

  server.on("connection", (socket) => {
    const key = clientKey(socket.remoteAddress);
    const open = (perClient.get(key) ?? 0) + 1;
    if (open > limits.maxConnectionsPerClient) {
      log(`too many connections from ${key}: closed`);
      socket.destroy();
      return;
    }
    perClient.set(key, open);
    socket.once("close", () => {
      const left = (perClient.get(key) ?? 1) - 1;
      if (left > 0) perClient.set(key, left);
      else perClient.delete(key);
    });
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
    // Until the upstream answers, the client leaving (or a handshake that never completes)
    // must close the upstream connection too: otherwise both stay open for good.
    let answered = false;
    const abandon = () => {
      if (answered) return;
      upstream.destroy();
      socket.destroy();
    };
    const handshakeTimer = setTimeout(abandon, limits.upgradeTimeoutMs);
    // Read the client's socket meanwhile (keeping what it sends): a socket nobody reads
    // never learns that the client has gone.
    const early = [head];
    const keep = (chunk) => early.push(chunk);
    socket.on("data", keep).on("end", abandon).on("close", abandon).on("error", abandon);
    const settle = () => {
      answered = true;
      clearTimeout(handshakeTimer);
      socket.off("data", keep).off("end", abandon).off("close", abandon).off("error", abandon);
    };
    upstream.on("upgrade", (answer, upSocket, upHead) => {
      settle();
      socket.write(responseHead(answer));
      if (upHead.length) socket.write(upHead);
      for (const chunk of early) if (chunk.length) upSocket.write(chunk);
      upgraded.add(socket).add(upSocket);
      const close = () => {
        socket.destroy();
        upSocket.destroy();
        upgraded.delete(socket);
        upgraded.delete(upSocket);
      };
      socket.on("close", close).on("error", close);
      upSocket.on("close", close).on("error", close);
      upSocket.pipe(socket).pipe(upSocket);
    });
    // The upstream refused the upgrade with a normal response: pass it on, then close both.
    upstream.on("response", (answer) => {
      settle();
      socket.on("close", () => upstream.destroy()).on("error", () => upstream.destroy());
      socket.write(responseHead(answer, true));
      answer.pipe(socket);
      answer.on("end", () => upstream.destroy());
    });
    upstream.on("error", () => {
      if (socket.destroyed) return;
      settle();
      const body = unavailable(route);
      socket.end(
        `HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    upstream.end();
  });

  server.on("close", () => {
    for (const socket of upgraded) socket.destroy();
    for (const agent of agents.values()) agent.destroy();
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
