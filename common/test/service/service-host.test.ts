import { Router } from "express";
import request from "supertest";
import { baseConfigSchema, parseConfig } from "../../src/config";
import * as commonSchema from "../../src/db/schema";
import { createEvent } from "../../src/events";
import { requireAuth } from "../../src/http/current-user";
import { ServiceHost } from "../../src/service/service-host";
import {
  captureLogs,
  createTestDatabase,
  deleteStream,
  eventually,
  sessionCookie,
  type TestDatabase,
  testEnv,
} from "../../src/testing";

const userId = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
let db: TestDatabase;
let host: ServiceHost<typeof commonSchema>;
let url: string;
let config: ReturnType<typeof parseConfig<typeof baseConfigSchema>>;
let releaseSlowRequest: () => void;
let slowRequestArrived: Promise<void>;

beforeEach(async () => {
  db = await createTestDatabase("common");
  config = parseConfig(baseConfigSchema, testEnv(db.url));
  const routes = Router();
  routes.get("/me", requireAuth, (req, res) => {
    res.json({ user: req.currentUser });
  });
  let arrived: () => void;
  slowRequestArrived = new Promise((resolve) => {
    arrived = resolve;
  });
  routes.get("/slow", async (_req, res) => {
    await new Promise<void>((resolve) => {
      releaseSlowRequest = resolve;
      arrived();
    });
    res.json({ finished: true });
  });
  host = new ServiceHost({
    name: "demo",
    config,
    schema: commonSchema,
    routes: () => [routes],
    logger: captureLogs().logger,
  });
  ({ url } = await host.start(0));
});

afterEach(async () => {
  await host.stop();
  await deleteStream(config.NATS_STREAM);
  await db.drop();
});

test("a user.sessions-revoked event from auth signs older sessions out of this service", async () => {
  const oldSession = sessionCookie({ id: userId }, 0);
  await request(url).get("/me").set("Cookie", oldSession).expect(200);

  await host.context.messaging.js.publish(
    `${config.NATS_SUBJECT_PREFIX}user.sessions-revoked`,
    JSON.stringify(createEvent("user.sessions-revoked", { userId, tokenVersion: 1 })),
  );

  await eventually(async () => (await request(url).get("/me").set("Cookie", oldSession)).status === 401);
  await request(url)
    .get("/me")
    .set("Cookie", sessionCookie({ id: userId }, 1))
    .expect(200);
});

test("an older revocation arriving late does not re-enable revoked sessions", async () => {
  const publish = (tokenVersion: number) =>
    host.context.messaging.js.publish(
      `${config.NATS_SUBJECT_PREFIX}user.sessions-revoked`,
      JSON.stringify(createEvent("user.sessions-revoked", { userId, tokenVersion })),
    );
  await publish(3);
  await publish(2);
  await eventually(async () => {
    const rows = await host.context.database.pool.query("select count(*)::int as n from inbox");
    return rows.rows[0].n === 2;
  });
  await request(url)
    .get("/me")
    .set("Cookie", sessionCookie({ id: userId }, 2))
    .expect(401);
  await request(url)
    .get("/me")
    .set("Cookie", sessionCookie({ id: userId }, 3))
    .expect(200);
});

test("graceful shutdown lets an in-flight request finish and refuses new ones", async () => {
  const inFlight = request(url).get("/slow");
  const response = inFlight.then((res) => res);
  await slowRequestArrived;
  const stopping = host.stop();
  releaseSlowRequest();
  expect((await response).body).toEqual({ finished: true });
  await stopping;
  await expect(request(url).get("/healthz")).rejects.toThrow();
});
