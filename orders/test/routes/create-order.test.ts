import { randomUUID } from "node:crypto";
import request from "supertest";
import {
  cookieOf,
  eventsWritten,
  type Harness,
  newUser,
  orderRow,
  orderWithStatus,
  paymentCreated,
  placeOrder,
  seedTicket,
  startOrders,
} from "../helpers";

let h: Harness;

beforeAll(async () => {
  h = await startOrders({ ORDER_EXPIRATION_SECONDS: "60" });
});
afterAll(() => h.stop());

test("reserves a ticket: 201 with the order, created, expiring after ORDER_EXPIRATION_SECONDS", async () => {
  const ticket = await seedTicket(h, { title: "Opera night", price: 4999, currency: "EUR" });
  const buyer = newUser();
  const before = Date.now();
  const res = await placeOrder(h, buyer, ticket.id).expect(201);
  expect(res.body.order).toEqual({
    id: expect.any(String),
    status: "created",
    endReason: null,
    refundedAt: null,
    expiresAt: expect.any(String),
    userId: buyer.id,
    ticket: { id: ticket.id, title: "Opera night", price: "49.99", currency: "EUR" },
    version: 0,
    createdAt: expect.any(String),
  });
  const lifetime = Date.parse(res.body.order.expiresAt) - before;
  expect(lifetime).toBeGreaterThanOrEqual(59_000);
  expect(lifetime).toBeLessThanOrEqual(61_000);
});

test("announces order.created with the price in cents and the seller (for payouts), in the same transaction", async () => {
  const ticket = await seedTicket(h, { price: 1234 });
  const buyer = newUser();
  const res = await placeOrder(h, buyer, ticket.id).expect(201);
  const event = (await h.published("order.created")).find((e) => (e.data as { id: string }).id === res.body.order.id);
  expect(event?.data).toEqual({
    id: res.body.order.id,
    userId: buyer.id,
    status: "created",
    expiresAt: res.body.order.expiresAt,
    version: 0,
    ticket: { id: ticket.id, price: 1234, currency: "USD", sellerId: ticket.userId, title: ticket.title },
  });
});

test("answers 401 when nobody is signed in", async () => {
  const ticket = await seedTicket(h);
  await request(h.url).post("/api/orders").send({ ticketId: ticket.id }).expect(401);
});

test.each([
  ["missing", {}],
  ["not a UUID", { ticketId: "ticket-1" }],
  ["a number", { ticketId: 42 }],
])("answers 400 naming ticketId when it is %s", async (_case, body) => {
  const res = await request(h.url).post("/api/orders").set("Cookie", cookieOf(newUser())).send(body).expect(400);
  expect(res.body.errors).toEqual([expect.objectContaining({ field: "ticketId" })]);
});

test("answers 403 to a seller ordering their own ticket", async () => {
  const seller = newUser();
  const ticket = await seedTicket(h, { userId: seller.id });
  const res = await placeOrder(h, seller, ticket.id).expect(403);
  expect(res.body.errors[0].message).toMatch(/own ticket/);
});

test("answers 404 for a ticket it has never heard of", async () => {
  const res = await placeOrder(h, newUser(), randomUUID()).expect(404);
  expect(res.body.errors[0].message).toBe("Ticket not found");
});

test("answers 409 while another buyer holds the ticket, and writes nothing", async () => {
  const ticket = await seedTicket(h);
  await placeOrder(h, newUser(), ticket.id).expect(201);
  const events = await eventsWritten(h);
  const res = await placeOrder(h, newUser(), ticket.id).expect(409);
  expect(res.body.errors).toEqual([{ message: "The ticket is already reserved", field: "ticketId" }]);
  expect(await eventsWritten(h)).toBe(events);
});

test("answers 409 once the ticket is sold (a completed order holds it for good)", async () => {
  const ticket = await seedTicket(h);
  const paid = await placeOrder(h, newUser(), ticket.id).expect(201);
  await h.publish(paymentCreated(paid.body.order.id));
  await orderWithStatus(h, paid.body.order.id, "complete");
  const res = await placeOrder(h, newUser(), ticket.id).expect(409);
  expect(res.body.errors[0].message).toBe("The ticket is already sold");
});

test("of 50 buyers ordering the same ticket at once, exactly one gets it", async () => {
  const ticket = await seedTicket(h);
  const buyers = Array.from({ length: 50 }, newUser);
  const results = await Promise.all(buyers.map((b) => placeOrder(h, b, ticket.id)));
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  const winner = results.find((r) => r.status === 201)!.body.order;
  expect(await orderRow(h, winner.id)).toMatchObject({ status: "created", ticketId: ticket.id });
  const created = (await h.published("order.created")).filter(
    (e) => (e.data as { ticket: { id: string } }).ticket.id === ticket.id,
  );
  expect(created).toHaveLength(1);
});
