import { eventually, natsUrl, TcpProxy } from "@m-ticketing/common/testing";
import request from "supertest";
import { jobIdFor } from "../src/queue/expiration-queue";
import { ExpirationFixture } from "./fixture";

describe("one instance", () => {
  const f = new ExpirationFixture();
  beforeAll(() => f.start());
  afterAll(() => f.stop());

  test("reports ready when NATS and Redis answer", async () => {
    const { url } = await f.startReplica();
    await request(url).get("/healthz").expect(200);
    const res = await request(url).get("/readyz").expect(200);
    expect(res.body).toEqual({ status: "ok", failed: [] });
  });

  test("jobs live in Redis: an expiry scheduled before a restart fires after it", async () => {
    for (const s of f.services.splice(0)) await s.stop(); // every instance down
    const { service } = await f.startReplica();
    const order = await f.createOrder(4000);
    await eventually(() => service.expirations.queue.getJob(jobIdFor(order.id)));
    await service.stop();
    f.services.splice(f.services.indexOf(service), 1);

    await f.startReplica(); // a new process, same Redis and stream
    const [event] = await f.awaitExpiration(order.id);
    expect(event!.data.orderId).toBe(order.id);
  });
});

describe("NATS unreachable when the order expires", () => {
  const f = new ExpirationFixture();
  const proxy = new TcpProxy("127.0.0.1", Number(new URL(natsUrl()).port || 4222));
  beforeAll(async () => {
    await proxy.start();
    await f.start({ NATS_URL: `nats://127.0.0.1:${proxy.port}` });
  });
  afterAll(async () => {
    await f.stop();
    await proxy.stop();
  });

  test("the job keeps retrying the publication and announces the expiry once NATS is back", async () => {
    const order = await f.createOrder(3000);
    const queue = f.service.expirations.queue;
    await eventually(() => queue.getJob(jobIdFor(order.id)));
    await proxy.cut();
    // Wait for at least one failed attempt to publish.
    await eventually(async () => ((await queue.getJob(jobIdFor(order.id)))?.attemptsMade ?? 0) >= 1, 15_000);
    expect(f.expirationsOf(order.id)).toEqual([]);

    await proxy.start();
    const seen = await f.awaitExpiration(order.id, 20_000);
    expect(seen).toHaveLength(1);
  });

  test("stops cleanly while NATS is unreachable, keeping pending jobs in Redis", async () => {
    const { service } = await f.startReplica();
    const order = await f.createOrder(60_000);
    await eventually(() => service.expirations.queue.getJob(jobIdFor(order.id)));
    await proxy.cut();
    await expect(service.stop()).resolves.toBeUndefined();
    await proxy.start();
    const job = await f.service.expirations.queue.getJob(jobIdFor(order.id));
    expect(await job?.getState()).toBe("delayed");
  });
});

describe("several replicas", () => {
  const f = new ExpirationFixture();
  beforeAll(async () => {
    await f.start();
    await f.startReplica();
    await f.startReplica();
  });
  afterAll(() => f.stop());

  test("share one queue and announce each expiry once", async () => {
    const orders = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => f.createOrder(1000 + i * 100)));
    for (const order of orders) await f.awaitExpiration(order.id);
    const sentinel = await f.createOrder(500);
    await f.awaitExpiration(sentinel.id);
    for (const order of orders) expect(f.expirationsOf(order.id)).toHaveLength(1);
    // Nothing left over or failed (the last job may still be finishing when its event arrives).
    const queue = f.service.expirations.queue;
    await eventually(async () => {
      const counts = await queue.getJobCounts("delayed", "wait", "active", "failed");
      return Object.values(counts).every((n) => n === 0);
    });
  });
});
