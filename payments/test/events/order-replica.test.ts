import { randomUUID } from "node:crypto";
import { eventually, sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import { type PaymentsTest, replica, startPayments } from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments();
});
afterAll(() => f.stop());

const orderData = (overrides: { version?: number; status?: "created" | "cancelled" | "complete" } = {}) => ({
  id: randomUUID(),
  userId: randomUUID(),
  status: overrides.status ?? ("created" as const),
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  version: overrides.version ?? 0,
  ticket: { id: randomUUID(), price: 1999, currency: "USD" },
});

const createOrder = (userId: string, orderId: string) =>
  request(f.url)
    .post("/api/payments/create-order")
    .set("Cookie", sessionCookie({ id: userId }))
    .send({ orderId });

test("keeps buyer, price, currency, expiry, version and the purchase's correlation id from order.created", async () => {
  const data = orderData();
  const created = await f.publish("order.created", data);
  const row = await eventually(() => replica(f, data.id));
  expect(row).toEqual({
    id: data.id,
    userId: data.userId,
    status: "created",
    price: 1999,
    currency: "USD",
    expiresAt: new Date(data.expiresAt),
    version: 0,
    correlationId: created.correlationId,
    // Announced before sellers were (no sellerId, title, startsAt): such a sale is never paid out automatically.
    ticketId: data.ticket.id,
    sellerId: null,
    title: null,
    eventStartsAt: null,
    cancellationReason: null,
  });
});

test("order.cancelled arriving before order.created: the order stays cancelled and cannot be paid", async () => {
  const data = orderData();
  await f.publish("order.cancelled", { id: data.id, version: 1, ticket: { id: data.ticket.id } });
  await eventually(async () => (await replica(f, data.id))?.status === "cancelled");
  await f.publish("order.created", data);
  await eventually(async () => (await replica(f, data.id))?.userId === data.userId);

  expect(await replica(f, data.id)).toMatchObject({ status: "cancelled", version: 1, price: 1999 });
  const res = await createOrder(data.userId, data.id).expect(409);
  expect(res.body.errors).toEqual([{ message: "order cancelled" }]);
});

test.each([
  ["listing_withdrawn", "order cancelled: the seller withdrew the listing"],
  ["expired", "order cancelled: its reservation time ran out"],
  ["event_started", "order cancelled: the event has started"],
  ["cancelled_by_buyer", "order cancelled by the buyer"],
] as const)("a checkout of an order cancelled with reason %s says why: %s", async (reason, message) => {
  const data = orderData();
  await f.publish("order.created", data);
  await eventually(async () => (await replica(f, data.id))?.userId === data.userId);
  await f.publish("order.cancelled", { id: data.id, version: 1, ticket: { id: data.ticket.id }, reason });
  await eventually(async () => (await replica(f, data.id))?.status === "cancelled");
  const res = await createOrder(data.userId, data.id).expect(409);
  expect(res.body.errors).toEqual([{ message }]);
});

test("order.completed arriving before order.created leaves the order complete", async () => {
  const data = orderData();
  await f.publish("order.completed", { id: data.id, version: 1, ticket: { id: data.ticket.id } });
  await eventually(async () => (await replica(f, data.id))?.status === "complete");
  await f.publish("order.created", data);
  await eventually(async () => (await replica(f, data.id))?.userId === data.userId);
  expect(await replica(f, data.id)).toMatchObject({ status: "complete", version: 1 });
});

test("an order known only from its cancellation is not found for anyone", async () => {
  const data = orderData();
  await f.publish("order.cancelled", { id: data.id, version: 1, ticket: { id: data.ticket.id } });
  await eventually(async () => (await replica(f, data.id))?.status === "cancelled");
  await createOrder(data.userId, data.id).expect(404);
});

test("a redelivered order.created changes nothing", async () => {
  const data = orderData();
  const event = await f.publish("order.created", data);
  await eventually(() => replica(f, data.id));
  await f.publish("order.cancelled", { id: data.id, version: 1, ticket: { id: data.ticket.id } });
  await eventually(async () => (await replica(f, data.id))?.status === "cancelled");
  await f.publish(event, { duplicate: true }); // the same event again, as a redelivery
  await f.consumerIdle("payments", "order.created");
  expect(await replica(f, data.id)).toMatchObject({ status: "cancelled", version: 1 });
});
