import { randomUUID } from "node:crypto";
import { eventually } from "@m-ticketing/common/testing";
import { jobIdFor } from "../../src/queue/expiration-queue";
import { ExpirationFixture } from "../fixture";

const f = new ExpirationFixture();
beforeAll(() => f.start());
afterAll(() => f.stop());

const job = (orderId: string) => f.service.expirations.queue.getJob(jobIdFor(orderId));

test("announces expiration.complete once the order's expiresAt has passed, not before", async () => {
  const order = await f.createOrder(1500);
  const [event] = await f.awaitExpiration(order.id);
  expect(event!.data).toEqual({ orderId: order.id });
  expect(new Date(event!.occurredAt).getTime()).toBeGreaterThanOrEqual(new Date(order.expiresAt).getTime());
});

test("schedules one delayed job per order, with the order id as job id", async () => {
  const order = await f.createOrder(60_000);
  const scheduled = await eventually(() => job(order.id));
  expect(scheduled.id).toBe(`order-${order.id}`);
  expect(await scheduled.getState()).toBe("delayed");
  expect(scheduled.data).toEqual({ orderId: order.id });
});

test("an order that is already past expiresAt expires at once", async () => {
  const order = await f.createOrder(-5000);
  await f.awaitExpiration(order.id);
});

test("a duplicated order.created schedules one job and announces the expiry once", async () => {
  const order = await f.createOrder(4000);
  // The same event again under other message ids: JetStream stores and delivers it three times.
  await f.publish("order.created", order.event.data, randomUUID());
  await f.publish("order.created", order.event.data, randomUUID());
  // Events of one subject are handled in order: once this one is scheduled, so are the copies.
  const marker = await f.createOrder(60_000);
  await eventually(() => job(marker.id));
  const jobs = await f.service.expirations.queue.getJobs(["delayed", "wait", "active", "completed"]);
  expect(jobs.filter((j) => j.data.orderId === order.id)).toHaveLength(1);

  await f.awaitExpiration(order.id);
  // A later sentinel order has expired too, so any second announcement would have arrived.
  const sentinel = await f.createOrder(500);
  await f.awaitExpiration(sentinel.id);
  expect(f.expirationsOf(order.id)).toHaveLength(1);
});

test("an order.created redelivered after the expiry does not schedule it again", async () => {
  const order = await f.createOrder(0);
  await f.awaitExpiration(order.id);
  await f.publish("order.created", order.event.data, randomUUID());
  const sentinel = await f.createOrder(300);
  await f.awaitExpiration(sentinel.id);
  expect(await job(order.id)).toBeUndefined();
  expect(f.expirationsOf(order.id)).toHaveLength(1);
});
