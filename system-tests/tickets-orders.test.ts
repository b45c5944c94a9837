// Tickets and orders together on one stream, each on its own database: the replicated
// state and the reservation round trip as the gateway's users see them.
import { randomUUID } from "node:crypto";
import { attachTicketFile, eventually, sessionCookie, startTest, type TestStack } from "@m-ticketing/common/testing";
import request from "supertest";
import { ordersModule } from "../orders/src/app";
import { ticketsModule } from "../tickets/src/app";

let t: TestStack<unknown, unknown>;
let ticketsUrl: string;
let ordersUrl: string;

beforeAll(async () => {
  t = await startTest({ services: [ticketsModule, ordersModule] });
  ticketsUrl = t.get(ticketsModule).url;
  ordersUrl = t.get(ordersModule).url;
});
afterAll(() => t.stop());

const person = () => {
  const id = randomUUID();
  return { id, cookie: sessionCookie({ id }) };
};
const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const listing = (price = "45.00") => ({ title: "Nick Cave", price, eventDate: inAMonth(), venue: "Royal Albert Hall" });

const order = (user: { cookie: string }, ticketId: string) =>
  request(ordersUrl).post("/api/orders").set("Cookie", user.cookie).send({ ticketId });

async function ticketState(id: string, status: string, orderId: string | null = null) {
  return eventually(async () => {
    const { body } = await request(ticketsUrl).get(`/api/tickets/${id}`);
    // The order holding it is internal (never in the API): read it from the tickets database.
    const { rows } = await t
      .get(ticketsModule)
      .service.context.database.pool.query("select order_id from tickets where id = $1", [id]);
    return body.ticket?.status === status && (rows[0]?.order_id ?? null) === orderId ? body.ticket : undefined;
  });
}

test("list → order → 409 for others, seller locked out → cancel → another buyer orders it", async () => {
  const [seller, buyer, other] = [person(), person(), person()];
  const created = await request(ticketsUrl).post("/api/tickets").set("Cookie", seller.cookie).send(listing());
  expect(created.status).toBe(201);
  const ticketId = created.body.ticket.id;
  await attachTicketFile(ticketsUrl, seller.cookie, ticketId);

  // Orders learns of the ticket from ticket.created within moments.
  const placed = await eventually(async () => {
    const res = await order(buyer, ticketId);
    return res.status === 201 ? res.body.order : undefined;
  });
  expect(placed.ticket).toEqual({ id: ticketId, title: "Nick Cave", price: "45.00", currency: "USD" });

  await ticketState(ticketId, "reserved", placed.id);
  const taken = await order(other, ticketId);
  expect(taken.status).toBe(409);
  const edit = await request(ticketsUrl)
    .put(`/api/tickets/${ticketId}`)
    .set("Cookie", seller.cookie)
    .send(listing("1"));
  expect(edit.status).toBe(409);
  // A reserved ticket is gone from the public list.
  const visible = await request(ticketsUrl).get("/api/tickets").query({ q: "Nick Cave" });
  expect(visible.body.tickets.map((t: { id: string }) => t.id)).not.toContain(ticketId);

  await request(ordersUrl).delete(`/api/orders/${placed.id}`).set("Cookie", buyer.cookie).expect(200);
  await ticketState(ticketId, "available");
  const second = await order(other, ticketId);
  expect(second.status).toBe(201);
  await ticketState(ticketId, "reserved", second.body.order.id);
});

test("a seller's edit reaches orders; a paid order marks the ticket sold", async () => {
  const [seller, buyer] = [person(), person()];
  const created = await request(ticketsUrl).post("/api/tickets").set("Cookie", seller.cookie).send(listing("10"));
  const ticketId = created.body.ticket.id;
  await attachTicketFile(ticketsUrl, seller.cookie, ticketId);
  await request(ticketsUrl).put(`/api/tickets/${ticketId}`).set("Cookie", seller.cookie).send(listing("12.5"));

  // The edit travels as ticket.updated (version 1) to the orders replica.
  await eventually(async () => {
    const { rows } = await t
      .get(ordersModule)
      .service.context.database.pool.query("select version from tickets where id = $1", [ticketId]);
    return rows[0]?.version === 1;
  });
  const placed = (await order(buyer, ticketId).expect(201)).body.order;
  expect(placed.ticket.price).toBe("12.50");
  await ticketState(ticketId, "reserved", placed.id);

  // Payments announces the capture; orders completes the order, tickets marks it sold.
  await t.publish("payment.created", {
    id: randomUUID(),
    orderId: placed.id,
    paypalOrderId: `PAYPAL-${placed.id.slice(0, 8)}`,
    captureId: `CAPTURE-${placed.id.slice(0, 8)}`,
    amount: 1250,
    currency: "USD",
  });
  await ticketState(ticketId, "sold", placed.id);
  const shown = await request(ordersUrl).get(`/api/orders/${placed.id}`).set("Cookie", buyer.cookie).expect(200);
  expect(shown.body.order).toMatchObject({ status: "complete", version: 1 });
});

test("a listing without its ticket cannot be ordered; once the seller attaches it, it can", async () => {
  const [seller, buyer] = [person(), person()];
  const draft = (
    await request(ticketsUrl).post("/api/tickets").set("Cookie", seller.cookie).send(listing()).expect(201)
  ).body.ticket.id as string;
  const other = (
    await request(ticketsUrl).post("/api/tickets").set("Cookie", seller.cookie).send(listing()).expect(201)
  ).body.ticket.id as string;
  await attachTicketFile(ticketsUrl, seller.cookie, other);
  // Orders has handled every ticket event published so far (the other listing's included).
  await t.published("ticket.created");
  await t.consumerIdle("orders", "ticket.created");
  await eventually(async () => (await order(buyer, other)).status === 201);

  const refused = await order(buyer, draft);
  expect(refused.status).toBe(404);
  await request(ticketsUrl).get(`/api/tickets/${draft}`).set("Cookie", buyer.cookie).expect(404);

  await attachTicketFile(ticketsUrl, seller.cookie, draft);
  const placed = await eventually(async () => {
    const res = await order(buyer, draft);
    return res.status === 201 ? res.body.order : undefined;
  });
  expect(placed.ticket).toMatchObject({ id: draft, price: "45.00" });
});
