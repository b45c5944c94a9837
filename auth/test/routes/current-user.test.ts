import {
  createTestDatabase,
  deleteStream,
  sessionCookie,
  type TestDatabase,
  testEnv,
} from "@m-ticketing/common/testing";
import request from "supertest";
import { createAuthService } from "../../src/app";
import { loadConfig } from "../../src/config";
import { migrationsFolder } from "../../src/db";

let db: TestDatabase;
let service: ReturnType<typeof createAuthService>;
let url: string;
let config: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  db = await createTestDatabase("auth", migrationsFolder);
  config = loadConfig(testEnv(db.url));
  service = createAuthService(config);
  ({ url } = await service.start(0));
});

afterAll(async () => {
  await service.stop();
  await deleteStream(config.NATS_STREAM);
  await db.drop();
});

test("answers null when nobody is signed in", async () => {
  const res = await request(url).get("/api/users/currentuser").expect(200);
  expect(res.body).toEqual({ currentUser: null });
});

test("answers null for a forged session cookie", async () => {
  const forged = sessionCookie({ id: "6f1c2f1e-8d1b-4f7e-9a65-3f0c6f8d2b11" }, 0, "another-key-of-sufficient-length");
  const res = await request(url).get("/api/users/currentuser").set("Cookie", forged).expect(200);
  expect(res.body).toEqual({ currentUser: null });
});

test("reports readiness once the database and NATS answer", async () => {
  await request(url).get("/healthz").expect(200);
  const res = await request(url).get("/readyz").expect(200);
  expect(res.body).toEqual({ status: "ok", failed: [] });
});
