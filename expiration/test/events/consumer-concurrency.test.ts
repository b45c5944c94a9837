import { eventually, redisUrl, TcpProxy } from "@m-ticketing/common/testing";
import request from "supertest";
import { createOrder, type ExpirationTest, jobOf, startExpiration } from "../helpers";

// Expiration runs on the shared host, so it applies up to CONSUMER_CONCURRENCY events of a
// subject at once. Its Redis is reached through a proxy that can hold what the service
// sends: while held, no handler can finish, so an order id seen on the wire means that
// order's handler is in flight.
const redis = new URL(redisUrl());
const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
let f: ExpirationTest;

beforeAll(async () => {
  await proxy.start();
  f = await startExpiration({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, CONSUMER_CONCURRENCY: "2" });
});
afterAll(async () => {
  proxy.release();
  await f.stop();
  await proxy.stop();
});

test("two order.created are applied concurrently: both handlers are in flight at once", async () => {
  // Redis connected (the readiness probe pings it), so the handlers' commands go straight out.
  await eventually(async () => (await request(f.url).get("/readyz")).status === 200);
  proxy.hold();
  const [first, second] = [await createOrder(f, 60_000), await createOrder(f, 60_000)];
  // Each handler's first Redis command names its order; neither got an answer yet.
  await eventually(async () => proxy.held().includes(first.id) && proxy.held().includes(second.id));
  proxy.release();
  await eventually(() => jobOf(f, first.id));
  await eventually(() => jobOf(f, second.id));
});
