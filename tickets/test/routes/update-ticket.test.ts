import { randomUUID } from "node:crypto";
import request from "supertest";
import {
  cookieOf,
  type Harness,
  listTicket,
  newUser,
  orderCompleted,
  orderCreated,
  startTickets,
  ticketBody,
  ticketWithStatus,
} from "../helpers";

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

const put = (id: string, body: unknown, user = seller) =>
  request(h.url)
    .put(`/api/tickets/${id}`)
    .set("Cookie", cookieOf(user))
    .send(body as object);

test("the seller edits an available ticket: new fields, version + 1, and ticket.updated", async () => {
  const ticket = await listTicket(h, seller);
  const body = { price: 35, faceValue: 40, section: "Floor", row: "12", seat: "4", description: null };
  const res = await put(ticket.id, body).expect(200);
  expect(res.body.ticket).toEqual({
    ...ticket,
    price: "35.00",
    fees: { price: "35.00", buyerFee: "4.49", total: "39.49", sellerFee: "1.75", sellerReceives: "33.25" },
    faceValue: "40.00",
    section: "Floor",
    row: "12",
    seat: "4",
    description: null,
    version: 1,
  });
  const updated = (await h.published("ticket.updated")).find((e) => (e.data as { id: string }).id === ticket.id);
  expect(updated?.data).toMatchObject({ id: ticket.id, price: 3500, version: 1, eventId: ticket.eventId });
});

test("an edit keeps the price cap: above the face value × 120 % is refused naming price", async () => {
  const ticket = await listTicket(h, seller, { faceValue: "50.00", price: "50.00" });
  const res = await put(ticket.id, { price: "60.01" }).expect(400);
  expect(res.body.errors).toEqual([expect.objectContaining({ field: "price" })]);
  await put(ticket.id, { price: "60.00" }).expect(200);
});

test("fields left out keep their values; null clears an optional one", async () => {
  const ticket = await listTicket(h, seller, { section: "Floor", row: "3", description: "Great view" });
  const res = await put(ticket.id, { price: "21.00", description: null }).expect(200);
  expect(res.body.ticket).toMatchObject({ price: "21.00", section: "Floor", row: "3", description: null });
});

test("answers 400 naming the field, and changes nothing", async () => {
  const ticket = await listTicket(h, seller);
  const res = await put(ticket.id, ticketBody({ price: "1.001" })).expect(400);
  expect(res.body.errors).toEqual([expect.objectContaining({ field: "price" })]);
  const after = await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200);
  expect(after.body.ticket).toEqual(ticket);
});

test("answers 401 when nobody is signed in", async () => {
  const ticket = await listTicket(h, seller);
  await request(h.url).put(`/api/tickets/${ticket.id}`).send(ticketBody()).expect(401);
});

test("answers 403 to anyone but the seller", async () => {
  const ticket = await listTicket(h, seller);
  const res = await put(ticket.id, ticketBody({ price: 1 }), newUser()).expect(403);
  expect(res.body.errors[0].message).toMatch(/seller/);
  const after = await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200);
  expect(after.body.ticket.price).toBe(ticket.price);
});

test("answers 404 for an unknown or malformed id", async () => {
  await put(randomUUID(), ticketBody()).expect(404);
  await put("not-a-uuid", ticketBody()).expect(404);
});

test("answers 409 while the ticket is reserved, and 409 once it is sold", async () => {
  const ticket = await listTicket(h, seller);
  const orderId = randomUUID();
  await h.publish(orderCreated(ticket.id, orderId));
  await ticketWithStatus(h, ticket.id, "reserved", orderId);
  const reserved = await put(ticket.id, ticketBody({ price: 1 })).expect(409);
  expect(reserved.body.errors[0].message).toMatch(/reserved/);

  await h.publish(orderCompleted(ticket.id, orderId));
  await ticketWithStatus(h, ticket.id, "sold", orderId);
  const sold = await put(ticket.id, ticketBody({ price: 1 })).expect(409);
  expect(sold.body.errors[0].message).toMatch(/sold/);
  await h.consumerIdle("tickets", "order.completed");
  const after = await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200);
  expect(after.body.ticket).toMatchObject({ price: ticket.price, status: "sold", version: 2 });
});

test("the event's fields in an edit (as the seed's clients send them) change nothing: the event is not the listing's", async () => {
  const ticket = await listTicket(h, seller);
  const res = await put(ticket.id, {
    price: "19.00",
    title: "Another show",
    venue: "Elsewhere",
    eventDate: new Date(Date.now() + 86_400_000).toISOString(),
  }).expect(200);
  expect(res.body.ticket).toMatchObject({
    price: "19.00",
    title: ticket.title,
    venue: ticket.venue,
    eventDate: ticket.eventDate,
    eventId: ticket.eventId,
  });
});
