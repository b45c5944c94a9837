import { Router } from "express";
import request from "supertest";
import { z } from "zod";
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnsupportedMediaTypeError,
} from "../../src/errors";
import { createEvent } from "../../src/events";
import { createApp } from "../../src/http/create-app";
import { requireAuth } from "../../src/http/current-user";
import { validate } from "../../src/http/validate";
import { captureLogs, eventually, sessionCookie, TEST_JWT_KEY } from "../../src/testing";

const userId = "5b8c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";
let revokedBelow = 0;
let databaseUp = true;
const { logger, lines } = captureLogs();

const routes = Router();
routes.get("/boom", () => {
  throw new Error("secret internal detail");
});
routes.get("/async-boom", async () => {
  await Promise.resolve();
  throw new Error("async failure");
});
const thrown: Record<string, () => Error> = {
  "400": () => new BadRequestError("Bad title", "title"),
  "403": () => new ForbiddenError(),
  "404": () => new NotFoundError("Ticket not found"),
  "409": () => new ConflictError("Ticket is reserved"),
  "413": () => new PayloadTooLargeError("Photo is over 5 MB", "photo"),
  "415": () => new UnsupportedMediaTypeError("Photo must be JPEG, PNG or WebP", "photo"),
  "429": () => new TooManyRequestsError(42),
};
routes.get("/throws/:status", (req) => {
  throw thrown[req.params.status as string]?.() ?? new Error("unknown");
});
routes.post("/things", (req, res) => {
  res
    .status(201)
    .json(validate(req, { body: z.object({ title: z.string().min(1), price: z.number().positive() }) }).body);
});
routes.get("/me", requireAuth, (req, res) => {
  res.json({ user: req.currentUser });
});
routes.post("/purchases", async (_req, res) => {
  await new Promise((resolve) => setImmediate(resolve));
  logger.info("purchase noted");
  const event = createEvent("expiration.complete", { orderId: "0c8e2f4a-6b1d-4c3e-9f5a-7d8b9c0e1f2a" });
  res.status(201).json({ correlationId: event.correlationId, causationId: event.causationId });
});

const app = createApp({
  logger,
  jwtKey: TEST_JWT_KEY,
  minTokenVersion: async () => revokedBelow,
  readiness: {
    database: async () => {
      if (!databaseUp) throw new Error("down");
    },
  },
  routes: [routes],
});

test.each(Object.keys(thrown))(
  "an HttpError with status %s is answered with that status and its message",
  async (status) => {
    const res = await request(app).get(`/throws/${status}`).expect(Number(status));
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].message).toEqual(expect.any(String));
  },
);

test("a field-specific error names the field", async () => {
  const res = await request(app).get("/throws/400").expect(400);
  expect(res.body).toEqual({ errors: [{ message: "Bad title", field: "title" }] });
});

test("429 tells the client when to retry", async () => {
  const res = await request(app).get("/throws/429").expect(429);
  expect(res.headers["retry-after"]).toBe("42");
});

test("an unexpected error is a generic 500 without internals, logged with the request id", async () => {
  const res = await request(app).get("/boom").set("x-request-id", "req-123").expect(500);
  expect(res.body).toEqual({ errors: [{ message: "Something went wrong" }] });
  expect(JSON.stringify(res.body)).not.toContain("secret internal detail");
  expect(res.headers["x-request-id"]).toBe("req-123");
  expect(lines.find((l) => l.msg === "unhandled error")).toMatchObject({ requestId: "req-123" });
});

test("errors thrown by async handlers reach the error handler too", async () => {
  await request(app).get("/async-boom").expect(500);
});

test("validation names every bad field", async () => {
  const res = await request(app).post("/things").send({ title: "", price: -1 }).expect(400);
  expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["price", "title"]);
});

test("valid input passes through parsed", async () => {
  const res = await request(app).post("/things").send({ title: "Concert", price: 5, extra: "dropped" }).expect(201);
  expect(res.body).toEqual({ title: "Concert", price: 5 });
});

test("malformed JSON is a 400, not a 500", async () => {
  const res = await request(app).post("/things").set("Content-Type", "application/json").send('{"title":').expect(400);
  expect(res.body.errors[0].message).toMatch(/JSON/);
});

test("a body over the limit is a 413", async () => {
  await request(app)
    .post("/things")
    .send({ title: "x".repeat(200_000), price: 1 })
    .expect(413);
});

test("an unknown route is a JSON 404", async () => {
  const res = await request(app).get("/nowhere").expect(404);
  expect(res.body).toEqual({ errors: [{ message: "Route not found" }] });
});

test("a request without a session gets 401 on protected routes", async () => {
  await request(app).get("/me").expect(401);
});

test("a valid session cookie signs the user in", async () => {
  const res = await request(app)
    .get("/me")
    .set("Cookie", sessionCookie({ id: userId, name: "Ada" }))
    .expect(200);
  expect(res.body.user).toMatchObject({ id: userId, name: "Ada" });
});

test("a session older than the user's latest revocation is refused", async () => {
  revokedBelow = 2;
  try {
    await request(app)
      .get("/me")
      .set("Cookie", sessionCookie({ id: userId }, 1))
      .expect(401);
    await request(app)
      .get("/me")
      .set("Cookie", sessionCookie({ id: userId }, 2))
      .expect(200);
  } finally {
    revokedBelow = 0;
  }
});

test("a validly signed token whose subject is not a user id is treated as signed out", async () => {
  await request(app)
    .get("/me")
    .set("Cookie", sessionCookie({ id: "not-a-uuid" }))
    .expect(401);
});

test("a request id is generated when none (or a malformed one) is sent", async () => {
  const res = await request(app).get("/nowhere").set("x-request-id", "bad id with spaces");
  expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("security headers are set", async () => {
  const res = await request(app).get("/healthz").expect(200);
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["x-powered-by"]).toBeUndefined();
});

test("readiness fails with 503 naming the dependency that is down", async () => {
  databaseUp = false;
  try {
    const res = await request(app).get("/readyz").expect(503);
    expect(res.body.failed).toEqual(["database"]);
  } finally {
    databaseUp = true;
  }
  await request(app).get("/readyz").expect(200);
});

describe("trace context", () => {
  test("what a request logs and the events it creates carry its request id as correlation id", async () => {
    const res = await request(app).post("/purchases").set("x-request-id", "purchase-1").send({}).expect(201);
    expect(res.body).toEqual({ correlationId: "purchase-1", causationId: "purchase-1" });
    expect(lines.find((l) => l.msg === "purchase noted")).toMatchObject({ correlationId: "purchase-1" });
  });

  test("a caller's W3C traceparent makes its trace id the correlation id (the request stays the cause)", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const res = await request(app)
      .post("/purchases")
      .set("x-request-id", "step-2")
      .set("traceparent", `00-${traceId}-00f067aa0ba902b7-01`)
      .send({})
      .expect(201);
    expect(res.body).toEqual({ correlationId: traceId, causationId: "step-2" });
    // A malformed traceparent (here an all-zero trace id) is ignored.
    const bad = await request(app)
      .post("/purchases")
      .set("x-request-id", "step-3")
      .set("traceparent", `00-${"0".repeat(32)}-00f067aa0ba902b7-01`)
      .send({});
    expect(bad.body.correlationId).toBe("step-3");
  });
});

test("a request is logged as one short entry: id, method, url and status, no headers", async () => {
  await request(app).get("/throws/404").set("x-request-id", "req-slim").set("Cookie", "session=secret").expect(404);
  const entry = await eventually(async () =>
    lines.find((l) => (l.req as { id?: string } | undefined)?.id === "req-slim"),
  );
  expect(entry.req).toEqual({ id: "req-slim", method: "GET", url: "/throws/404" });
  expect(entry.res).toEqual({ statusCode: 404 });
  expect(JSON.stringify(entry)).not.toMatch(/secret|headers/);
});
