import { eventually } from "@m-ticketing/common/testing";
import { awaitExpiration, createOrder, type ExpirationTest, expirationsOf, jobOf, startExpiration } from "../helpers";

let f: ExpirationTest;
beforeAll(async () => {
  f = await startExpiration();
});
afterAll(() => f.stop());

const job = (orderId: string) => jobOf(f, orderId);

test.each([["order.completed" as const], ["order.cancelled" as const]])(
  "%s removes the pending job and no expiry is announced",
  async (type) => {
    const order = await createOrder(f, 3000);
    await eventually(() => job(order.id));
    await f.publish(type, { id: order.id, version: 1, ticket: { id: order.ticket.id } });
    await eventually(async () => (await job(order.id)) === undefined);
    // A sentinel expiring later has been announced: the removed one would have come first.
    const sentinel = await createOrder(f, 3500);
    await awaitExpiration(f, sentinel.id);
    expect(await expirationsOf(f, order.id)).toEqual([]);
  },
);

test("an order.cancelled that overtakes order.created keeps the order from being scheduled", async () => {
  const order = { id: crypto.randomUUID(), ticket: { id: crypto.randomUUID() } };
  await f.publish("order.cancelled", { id: order.id, version: 1, ticket: order.ticket });
  await eventually(() => f.resources.jobs.queue.isSettled(order.id));
  await f.publish("order.created", {
    id: order.id,
    userId: crypto.randomUUID(),
    status: "created",
    expiresAt: new Date(Date.now() + 300).toISOString(),
    version: 0,
    ticket: { ...order.ticket, price: 500, currency: "USD" },
  });
  const sentinel = await createOrder(f, 800);
  await awaitExpiration(f, sentinel.id);
  expect(await job(order.id)).toBeUndefined();
  expect(await expirationsOf(f, order.id)).toEqual([]);
});
