// Issue 12, finding 6: one account cannot hold every listed ticket, nor keep one off sale by
// cancelling and reserving it again.
import request from "supertest";
import { cookieOf, type Harness, newUser, orderRow, placeOrder, seedTicket, startOrders } from "../helpers";

let h: Harness;

beforeAll(async () => {
  // The per-event cap may not exceed the per-buyer cap (config.ts); these tickets have no event anyway.
  h = await startOrders({
    MAX_ACTIVE_ORDERS_PER_BUYER: "3",
    MAX_TICKETS_PER_BUYER_PER_EVENT: "3",
    RERESERVE_COOLDOWN_SECONDS: "600",
  });
});
afterAll(() => h.stop());

test("a buyer holds at most MAX_ACTIVE_ORDERS_PER_BUYER reservations, even when asking in parallel", async () => {
  const buyer = newUser();
  const tickets = await Promise.all(Array.from({ length: 8 }, () => seedTicket(h)));
  const answers = await Promise.all(tickets.map((t) => placeOrder(h, buyer, t.id)));
  const statuses = answers.map((r) => r.status).sort();
  expect(statuses).toEqual([201, 201, 201, 429, 429, 429, 429, 429]);
  const refused = answers.find((r) => r.status === 429)!;
  expect(refused.body.errors[0]).toMatchObject({ field: "ticketId", message: expect.stringMatching(/3 reservations/) });
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  // Paying for or cancelling one makes room again (a cancelled one no longer counts).
  const held = answers.find((r) => r.status === 201)!.body.order;
  await request(h.url).delete(`/api/orders/${held.id}`).set("Cookie", cookieOf(buyer)).expect(200);
  const free = tickets.find((t) => !answers.some((r) => r.status === 201 && r.body.order.ticket.id === t.id))!;
  await placeOrder(h, buyer, free.id).expect(201);
  // Other buyers are not affected.
  await placeOrder(h, newUser(), tickets.at(-1)!.id).expect((r) => expect([201, 409]).toContain(r.status));
});

test("a ticket you cancelled can be reserved again by you only after the cool-down; others at once", async () => {
  const buyer = newUser();
  const ticket = await seedTicket(h);
  const placed = (await placeOrder(h, buyer, ticket.id).expect(201)).body.order;
  await request(h.url).delete(`/api/orders/${placed.id}`).set("Cookie", cookieOf(buyer)).expect(200);
  expect((await orderRow(h, placed.id))?.cancelledAt).toBeInstanceOf(Date);

  const again = await placeOrder(h, buyer, ticket.id).expect(429);
  expect(again.body.errors[0].field).toBe("ticketId");
  expect(Number(again.headers["retry-after"])).toBeGreaterThan(590);

  // As the clock would: the cool-down has passed.
  await h.service.context.database.pool.query(
    "update orders set cancelled_at = now() - interval '601 seconds' where id = $1",
    [placed.id],
  );
  const other = newUser();
  const taken = await placeOrder(h, other, ticket.id).expect(201);
  await request(h.url).delete(`/api/orders/${taken.body.order.id}`).set("Cookie", cookieOf(other)).expect(200);
  await placeOrder(h, buyer, ticket.id).expect(201);
});
