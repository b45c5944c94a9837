import { eventually } from "@m-ticketing/common/testing";
import { awaitExpiration, createOrder, type ExpirationTest, expirationsOf, jobOf, startExpiration } from "../helpers";

let f: ExpirationTest;
beforeAll(async () => {
  f = await startExpiration();
});
afterAll(() => f.stop());

const job = (orderId: string) => jobOf(f, orderId);

test("announces expiration.complete once the order's expiresAt has passed, not before", async () => {
  const order = await createOrder(f, 1500);
  const [event] = await awaitExpiration(f, order.id);
  expect(event!.data).toEqual({ orderId: order.id });
  expect(new Date(event!.occurredAt).getTime()).toBeGreaterThanOrEqual(new Date(order.expiresAt).getTime());
  // It continues the purchase: same correlation id as the order.created that scheduled it, which is its cause.
  expect(event).toMatchObject({ correlationId: order.event.correlationId, causationId: order.event.id });
});

test("schedules one delayed job per order, with the order id as job id", async () => {
  const order = await createOrder(f, 60_000);
  const scheduled = await eventually(() => job(order.id));
  expect(scheduled.id).toBe(`order-${order.id}`);
  expect(await scheduled.getState()).toBe("delayed");
  expect(scheduled.data).toEqual({
    orderId: order.id,
    trace: { correlationId: order.event.correlationId, causationId: order.event.id },
  });
});

test("an order that is already past expiresAt expires at once", async () => {
  const order = await createOrder(f, -5000);
  await awaitExpiration(f, order.id);
});

test("a duplicated order.created schedules one job and announces the expiry once", async () => {
  const order = await createOrder(f, 4000);
  // The same event again, past JetStream's de-duplication: it is delivered three times.
  await f.publish(order.event, { duplicate: true });
  await f.publish(order.event, { duplicate: true });
  await f.consumerIdle("expiration", "order.created");
  const jobs = await f.resources.jobs.queue.queue.getJobs(["delayed", "wait", "active", "completed"]);
  expect(jobs.filter((j) => j.data.orderId === order.id)).toHaveLength(1);

  await awaitExpiration(f, order.id);
  // A later sentinel order has expired too, so any second announcement would have arrived.
  const sentinel = await createOrder(f, 500);
  await awaitExpiration(f, sentinel.id);
  expect(await expirationsOf(f, order.id)).toHaveLength(1);
});

test("an order.created redelivered after the expiry does not schedule it again", async () => {
  const order = await createOrder(f, 0);
  await awaitExpiration(f, order.id);
  await f.publish(order.event, { duplicate: true });
  await f.consumerIdle("expiration", "order.created");
  const sentinel = await createOrder(f, 300);
  await awaitExpiration(f, sentinel.id);
  expect(await job(order.id)).toBeUndefined();
  expect(await expirationsOf(f, order.id)).toHaveLength(1);
});
