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
  const body = ticketBody({ title: "Radiohead, second night", price: 35, description: null, venue: "Wembley" });
  const res = await put(ticket.id, body).expect(200);
  expect(res.body.ticket).toEqual({
    ...ticket,
    title: "Radiohead, second night",
    price: "35.00",
    description: null,
    eventDate: body.eventDate,
    venue: "Wembley",
    version: 1,
  });
  const updated = (await h.published("ticket.updated")).find((e) => (e.data as { id: string }).id === ticket.id);
  expect(updated?.data).toMatchObject({ id: ticket.id, title: "Radiohead, second night", price: 3500, version: 1 });
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
  const res = await put(ticket.id, ticketBody({ title: "mine now" }), newUser()).expect(403);
  expect(res.body.errors[0].message).toMatch(/seller/);
  const after = await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200);
  expect(after.body.ticket.title).toBe(ticket.title);
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
