import { eventually, natsUrl, TcpProxy } from "@m-ticketing/common/testing";
import request from "supertest";
import { expirationModule } from "../src/app";
import { awaitExpiration, createOrder, type ExpirationTest, expirationsOf, jobOf, startExpiration } from "./helpers";

describe("one instance", () => {
  let f: ExpirationTest;
  beforeAll(async () => {
    f = await startExpiration();
  });
  afterAll(() => f.stop());

  test("reports ready when NATS and Redis answer", async () => {
    await request(f.url).get("/healthz").expect(200);
    const res = await request(f.url).get("/readyz").expect(200);
    expect(res.body).toEqual({ status: "ok", failed: [], deadLetters: 0 });
  });

  test("jobs live in Redis: an expiry scheduled before a restart fires after it", async () => {
    await f.service.stop(); // the only instance down
    const first = await f.start(expirationModule);
    const order = await createOrder(f, 4000);
    await eventually(() => jobOf(first, order.id));
    await first.service.stop();

    await f.start(expirationModule); // a new process, same Redis and stream
    const [event] = await awaitExpiration(f, order.id);
    expect(event!.data.orderId).toBe(order.id);
  });
});

describe("NATS unreachable when the order expires", () => {
  let f: ExpirationTest;
  const proxy = new TcpProxy("127.0.0.1", Number(new URL(natsUrl()).port || 4222));
  beforeAll(async () => {
    await proxy.start();
    f = await startExpiration({ NATS_URL: `nats://127.0.0.1:${proxy.port}` });
  });
  afterAll(async () => {
    await f.stop();
    await proxy.stop();
  });

  test("the job keeps retrying the publication and announces the expiry once NATS is back", async () => {
    const order = await createOrder(f, 3000);
    await eventually(() => jobOf(f, order.id));
    await proxy.cut();
    // Wait for at least one failed attempt to publish.
    await eventually(async () => ((await jobOf(f, order.id))?.attemptsMade ?? 0) >= 1, 15_000);
    expect(await expirationsOf(f, order.id)).toEqual([]);

    await proxy.start();
    const seen = await awaitExpiration(f, order.id, 20_000);
    expect(seen).toHaveLength(1);
  });

  test("stops cleanly while NATS is unreachable, keeping pending jobs in Redis", async () => {
    const replica = await f.start(expirationModule);
    const order = await createOrder(f, 60_000);
    await eventually(() => jobOf(replica, order.id));
    await proxy.cut();
    await expect(replica.service.stop()).resolves.toBeUndefined();
    await proxy.start();
    const job = await jobOf(f, order.id);
    expect(await job?.getState()).toBe("delayed");
  });
});

describe("several replicas", () => {
  let f: ExpirationTest;
  beforeAll(async () => {
    f = await startExpiration();
    await f.start(expirationModule);
    await f.start(expirationModule);
  });
  afterAll(() => f.stop());

  test("share one queue and announce each expiry once", async () => {
    const orders = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => createOrder(f, 1000 + i * 100)));
    for (const order of orders) await awaitExpiration(f, order.id);
    const sentinel = await createOrder(f, 500);
    await awaitExpiration(f, sentinel.id);
    for (const order of orders) expect(await expirationsOf(f, order.id)).toHaveLength(1);
    // Nothing left over or failed (the last job may still be finishing when its event arrives).
    await eventually(async () => {
      const counts = await f.resources.jobs.queue.queue.getJobCounts("delayed", "wait", "active", "failed");
      return Object.values(counts).every((n) => n === 0);
    });
  });
});
