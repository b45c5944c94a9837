import { randomUUID } from "node:crypto";
import request from "supertest";
import {
  cookieOf,
  type Harness,
  newUser,
  orderWithStatus,
  paymentCreated,
  placeOrder,
  seedTicket,
  startOrders,
} from "../helpers";

let h: Harness;

beforeAll(async () => {
  h = await startOrders();
});
afterAll(() => h.stop());

const cancel = (id: string, user: { id: string }) =>
  request(h.url).delete(`/api/orders/${id}`).set("Cookie", cookieOf(user));

const cancellationsOf = async (orderId: string) =>
  (await h.published("order.cancelled")).filter((e) => (e.data as { id: string }).id === orderId);

test("the buyer cancels: 200 with the order cancelled, version + 1, and order.cancelled", async () => {
  const buyer = newUser();
  const ticket = await seedTicket(h);
  const placed = (await placeOrder(h, buyer, ticket.id).expect(201)).body.order;
  const res = await cancel(placed.id, buyer).expect(200);
  expect(res.body.order).toEqual({ ...placed, status: "cancelled", endReason: "cancelled_by_buyer", version: 1 });
  const events = await cancellationsOf(placed.id);
  expect(events.map((e) => e.data)).toEqual([
    { id: placed.id, version: 1, ticket: { id: ticket.id }, reason: "cancelled_by_buyer" },
  ]);
});

test("cancelling a cancelled order answers it unchanged and publishes nothing more", async () => {
  const buyer = newUser();
  const ticket = await seedTicket(h);
  const placed = (await placeOrder(h, buyer, ticket.id).expect(201)).body.order;
  const first = await cancel(placed.id, buyer).expect(200);
  const again = await cancel(placed.id, buyer).expect(200);
  expect(again.body).toEqual(first.body);
  expect(await cancellationsOf(placed.id)).toHaveLength(1);
});

test("a cancelled order frees the ticket for the next buyer", async () => {
  const buyer = newUser();
  const ticket = await seedTicket(h);
  const placed = (await placeOrder(h, buyer, ticket.id).expect(201)).body.order;
  await placeOrder(h, newUser(), ticket.id).expect(409);
  await cancel(placed.id, buyer).expect(200);
  await placeOrder(h, newUser(), ticket.id).expect(201);
});

test("answers 409 for a paid order, which stays complete", async () => {
  const buyer = newUser();
  const ticket = await seedTicket(h);
  const placed = (await placeOrder(h, buyer, ticket.id).expect(201)).body.order;
  await h.publish(paymentCreated(placed.id));
  await orderWithStatus(h, placed.id, "complete");
  const res = await cancel(placed.id, buyer).expect(409);
  expect(res.body.errors[0].message).toMatch(/paid/);
  await orderWithStatus(h, placed.id, "complete");
  expect(await cancellationsOf(placed.id)).toEqual([]);
});

test("answers 404 for someone else's order and leaves it alone", async () => {
  const ticket = await seedTicket(h);
  const placed = (await placeOrder(h, newUser(), ticket.id).expect(201)).body.order;
  await cancel(placed.id, newUser()).expect(404);
  await orderWithStatus(h, placed.id, "created");
});

test("answers 404 for an unknown or malformed id", async () => {
  await cancel(randomUUID(), newUser()).expect(404);
  await cancel("42", newUser()).expect(404);
});

test("answers 401 when nobody is signed in", async () => {
  await request(h.url).delete(`/api/orders/${randomUUID()}`).expect(401);
});
