// Issue 12, findings 7, 8 and 9 at the shared app: what every service refuses before its
// routes run, and how it identifies a client.
import { gzipSync } from "node:zlib";
import { Router } from "express";
import request from "supertest";
import { z } from "zod";
import { clientKey, trustProxySetting } from "../../src/http/client-address";
import { createApp } from "../../src/http/create-app";
import { validate } from "../../src/http/validate";
import { captureLogs, sessionCookie, TEST_JWT_KEY } from "../../src/testing";

const { logger } = captureLogs();
let writes = 0;

const routes = Router();
routes.post("/things", (req, res) => {
  const { body } = validate(req, { body: z.object({ title: z.string() }) });
  writes++;
  res.status(201).json(body);
});
routes.post("/signout", (_req, res) => {
  writes++;
  res.status(204).end();
});
routes.get("/things", (req, res) => {
  res.json({ q: req.query.q ?? null });
});
routes.get("/things/:id", (req, res) => {
  res.json({ id: req.params.id });
});
routes.get("/whoami", (req, res) => {
  res.json({ ip: req.ip, key: clientKey(req.ip) });
});

const appTrusting = (trustProxy?: string) =>
  createApp({
    logger,
    jwtKey: TEST_JWT_KEY,
    minTokenVersion: async () => 0,
    readiness: {},
    routes: [routes],
    trustProxy,
  });
const app = appTrusting();

describe("bad input is a 4xx naming the field, never a 500", () => {
  test.each(["gzip", "deflate", "br", "GZIP, identity"])(
    "a %s-encoded body is 415 naming Content-Encoding",
    async (enc) => {
      const res = await request(app)
        .post("/things")
        .set("Content-Type", "application/json")
        .set("Content-Encoding", enc)
        .send(gzipSync(JSON.stringify({ title: "x" })))
        .expect(415);
      expect(res.body.errors[0].field).toBe("Content-Encoding");
    },
  );

  test("an identity-encoded body is accepted", async () => {
    await request(app).post("/things").set("Content-Encoding", "identity").send({ title: "x" }).expect(201);
  });

  test.each(["/things/%ZZ", "/things/%E0%A4%A", "/things/%00", "/things/a%00b"])(
    "path %s is 400 naming path",
    async (path) => {
      const res = await request(app).get(path).expect(400);
      expect(res.body.errors[0].field).toBe("path");
    },
  );

  test("NUL in a body field is 400 naming the field, and nothing is written", async () => {
    const before = writes;
    const res = await request(app).post("/things").send({ title: "con\u0000cert" }).expect(400);
    expect(res.body.errors[0].field).toBe("title");
    const nested = await request(app)
      .post("/things")
      .send({ title: "x", tags: [{ name: "\u0000" }] })
      .expect(400);
    expect(nested.body.errors[0].field).toBe("tags.0.name");
    expect(writes).toBe(before);
  });

  test("NUL in a query parameter is 400 naming it", async () => {
    const res = await request(app).get("/things?q=a%00b").expect(400);
    expect(res.body.errors[0].field).toBe("q");
  });
});

describe("cross-site writes are refused (CSRF)", () => {
  const cookie = sessionCookie({ id: "5b8c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e" });

  test.each(["cross-site", "same-site"])("Sec-Fetch-Site: %s may not POST, even without a body", async (site) => {
    const before = writes;
    const res = await request(app).post("/signout").set("Cookie", cookie).set("Sec-Fetch-Site", site).expect(403);
    expect(res.body.errors[0].field).toBe("Sec-Fetch-Site");
    expect(writes).toBe(before);
  });

  test("a foreign Origin (older browsers send no Sec-Fetch-Site) may not POST", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const res = await request(app).post("/signout").set("Host", "ticketing.test").set("Origin", origin).expect(403);
      expect(res.body.errors[0].field).toBe("Origin");
    }
  });

  test("our own pages, typed URLs and non-browser clients may", async () => {
    await request(app).post("/signout").set("Sec-Fetch-Site", "same-origin").expect(204);
    await request(app)
      .post("/signout")
      .set("Host", "ticketing.test")
      .set("Origin", "http://ticketing.test")
      .expect(204);
    await request(app).post("/signout").expect(204);
  });

  test("reads are not affected", async () => {
    await request(app).get("/things").set("Sec-Fetch-Site", "cross-site").expect(200);
  });
});

test("API answers may not be cached (authenticated or not)", async () => {
  const res = await request(app)
    .get("/things")
    .set("Cookie", sessionCookie({ id: "5b8c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e" }))
    .expect(200);
  expect(res.headers["cache-control"]).toBe("no-store");
});

describe("the client's address", () => {
  test("X-Forwarded-For is believed only from a trusted proxy (default: the loopback gateway)", async () => {
    const viaGateway = await request(app).get("/whoami").set("X-Forwarded-For", "203.0.113.7").expect(200);
    expect(viaGateway.body.ip).toBe("203.0.113.7");
    // The test client connects from loopback: a service trusting only a remote gateway ignores what it claims.
    const direct = await request(appTrusting("10.1.2.3")).get("/whoami").set("X-Forwarded-For", "203.0.113.7");
    expect(direct.body.ip).toMatch(/127\.0\.0\.1/);
  });

  test("only the gateway's hop is trusted, not addresses the client prepended", async () => {
    const res = await request(appTrusting("1")).get("/whoami").set("X-Forwarded-For", "6.6.6.6, 203.0.113.7");
    expect(res.body.ip).toBe("203.0.113.7");
  });

  test("limits key IPv6 clients by their /64 and IPv4 ones by address", () => {
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientKey("::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(clientKey("198.51.100.4")).toBe("198.51.100.4");
  });

  test("TRUST_PROXY takes hops or addresses", () => {
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("loopback, 10.0.0.0/8")).toEqual(["loopback", "10.0.0.0/8"]);
  });
});
