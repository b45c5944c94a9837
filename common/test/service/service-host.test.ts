import { Router } from "express";
import request from "supertest";
import { baseConfigSchema, parseConfig } from "../../src/config";
import * as commonSchema from "../../src/db/schema";
import { requireAuth } from "../../src/http/current-user";
import { ServiceHost, type ServiceOptions } from "../../src/service/service-host";
import { signRevocation } from "../../src/sessions";
import { captureLogs, eventually, sessionCookie, startTest, TEST_JWT_KEY, type TestStack } from "../../src/testing";

const userId = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/** The data of a user.sessions-revoked as auth publishes it: signed with the key derived from JWT_KEY. */
const revocation = (tokenVersion: number, key = TEST_JWT_KEY) => ({
  userId,
  tokenVersion,
  signature: signRevocation({ userId, tokenVersion }, key),
});
type BaseConfig = ReturnType<typeof parseConfig<typeof baseConfigSchema>>;
let t: TestStack<BaseConfig, ServiceHost<typeof commonSchema>>;
let host: ServiceHost<typeof commonSchema>;
let url: string;
let releaseSlowRequest: () => void;
let slowRequestArrived: Promise<void>;

beforeEach(async () => {
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
  // A service with only the shared tables, started the way every service's tests start theirs.
  const demo = {
    name: "demo",
    loadConfig: (env: NodeJS.ProcessEnv = {}) => parseConfig(baseConfigSchema, env),
    create: (config: BaseConfig, options?: ServiceOptions) =>
      new ServiceHost({
        name: "demo",
        config,
        schema: commonSchema,
        routes: () => [routes],
        logger: captureLogs().logger,
        ...options,
      }),
  };
  t = await startTest({ services: [demo] });
  ({ service: host, url } = t);
});

afterEach(() => t.stop());

test("a user.sessions-revoked event from auth signs older sessions out of this service", async () => {
  const oldSession = sessionCookie({ id: userId }, 0);
  await request(url).get("/me").set("Cookie", oldSession).expect(200);

  await t.publish("user.sessions-revoked", revocation(1));

  await eventually(async () => (await request(url).get("/me").set("Cookie", oldSession)).status === 401);
  await request(url)
    .get("/me")
    .set("Cookie", sessionCookie({ id: userId }, 1))
    .expect(200);
});

test("an older revocation arriving late does not re-enable revoked sessions", async () => {
  const publish = (tokenVersion: number) => t.publish("user.sessions-revoked", revocation(tokenVersion));
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

test("a revocation auth did not sign (the forged tokenVersion 2147483647) is dead-lettered; the user stays signed in", async () => {
  const session = sessionCookie({ id: userId }, 0);
  await t.publish("user.sessions-revoked", revocation(2147483647, "some-other-key-an-attacker-chose"));
  await t.publish("user.sessions-revoked", { ...revocation(2147483647), signature: "A".repeat(43) });
  await t.consumerIdle("demo", "user.sessions-revoked");
  const rows = await host.context.database.pool.query("select count(*)::int as n from session_revocations");
  expect(rows.rows[0].n).toBe(0);
  await request(url).get("/me").set("Cookie", session).expect(200);
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
