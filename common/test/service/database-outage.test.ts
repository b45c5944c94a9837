import { Router } from "express";
import request from "supertest";
import { baseConfigSchema, parseConfig } from "../../src/config";
import * as commonSchema from "../../src/db/schema";
import { ServiceHost } from "../../src/service/service-host";
import {
  adminUrl,
  captureLogs,
  createTestDatabase,
  deleteStream,
  TcpProxy,
  type TestDatabase,
  testEnv,
} from "../../src/testing";

// The service's PostgreSQL sits behind a proxy the test freezes: a hung server (frozen VM,
// black-holed network) must turn into a quick 503 the client can retry, not a hang.
let db: TestDatabase;
let proxy: TcpProxy;
let host: ServiceHost<typeof commonSchema>;
let url: string;
let stream: string;

beforeEach(async () => {
  db = await createTestDatabase("common");
  proxy = new TcpProxy("127.0.0.1", Number(new URL(adminUrl()).port || 5432));
  await proxy.start();
  const viaProxy = new URL(db.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  const config = parseConfig(
    baseConfigSchema,
    testEnv(viaProxy.toString(), { DATABASE_STATEMENT_TIMEOUT_MS: "1000", DATABASE_CONNECT_TIMEOUT_MS: "1000" }),
  );
  stream = config.NATS_STREAM;
  const routes = Router();
  routes.get("/outbox-size", async (_req, res) => {
    const { rows } = await host.context.database.pool.query("select count(*)::int as n from outbox");
    res.json({ size: rows[0].n });
  });
  routes.post("/write", async (_req, res) => {
    await host.context.database.db.transaction(async (tx) => {
      await tx.insert(commonSchema.sessionRevocations).values({ userId: crypto.randomUUID(), tokenVersion: 1 });
    });
    res.status(201).json({});
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
  proxy.thaw();
  await host.stop();
  await proxy.stop();
  await deleteStream(stream);
  await db.drop();
});

test("with the database hung, reads and writes answer 503 with Retry-After, and work again once it is back", async () => {
  await request(url).get("/outbox-size").expect(200, { size: 0 });
  await request(url).post("/write").expect(201);

  proxy.freeze();
  for (const call of [request(url).get("/outbox-size"), request(url).post("/write")]) {
    const res = await call;
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
  }
  const ready = await request(url).get("/readyz");
  expect(ready.status).toBe(503);
  expect(ready.body.failed).toContain("database");
  expect(ready.body.deadLetters).toBe(0);

  proxy.thaw();
  await request(url).post("/write").expect(201);
  await request(url).get("/readyz").expect(200);
}, 60_000);
