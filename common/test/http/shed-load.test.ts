import { Router } from "express";
import request from "supertest";
import { createApp } from "../../src/http/create-app";
import { captureLogs } from "../../src/testing";

// A burst beyond what the database pool can serve gets a quick 429 with Retry-After, not a
// queue that ends in a time-out; health probes are never shed.
let waiting = 0;
const routes = Router();
routes.get("/work", (_req, res) => {
  res.json({ done: true });
});
// What drizzle throws when PostgreSQL cancels a statement at statement_timeout (a lock queue).
routes.get("/lock-queue", () => {
  throw Object.assign(new Error("Failed query: select 1 from events where id = $1 for update"), {
    cause: Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" }),
  });
});
const app = createApp({
  logger: captureLogs().logger,
  jwtKey: "k".repeat(32),
  minTokenVersion: async () => 0,
  readiness: {},
  routes: [routes],
  shed: { waiting: () => waiting, maxWaiting: 64 },
});

test("requests are served while fewer than SHED_DB_WAITING wait for a connection", async () => {
  waiting = 63;
  await request(app).get("/work").expect(200, { done: true });
});

test("beyond it a new request is answered 429 with Retry-After at once", async () => {
  waiting = 64;
  const res = await request(app).get("/work").expect(429);
  expect(["1", "2", "3", "4", "5"]).toContain(res.headers["retry-after"]);
  expect(res.body.errors[0].message).toMatch(/busy/);
  await request(app).get("/healthz").expect(200);
});

test("a statement cancelled at statement_timeout (a lock queue too long) is 503 with Retry-After, not 500", async () => {
  waiting = 0;
  const res = await request(app).get("/lock-queue").expect(503);
  expect(res.headers["retry-after"]).toBeDefined();
});
