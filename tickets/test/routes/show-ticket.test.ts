import { randomUUID } from "node:crypto";
import request from "supertest";
import { type Harness, listTicket, newUser, sellThroughEvents, startTickets } from "../helpers";

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

test("shows an available ticket to anyone", async () => {
  const ticket = await listTicket(h, seller);
  const res = await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200);
  expect(res.body).toEqual({ ticket, purchase: null });
});

test("shows a sold ticket too, without the order that bought it (that is the buyer's)", async () => {
  const ticket = await listTicket(h, seller);
  await sellThroughEvents(h, ticket.id);
  const res = await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200);
  expect(res.body.ticket).toMatchObject({ id: ticket.id, status: "sold", version: 2 });
  expect(res.body.ticket).not.toHaveProperty("orderId");
});

test("answers 404 for an unknown id", async () => {
  const res = await request(h.url).get(`/api/tickets/${randomUUID()}`).expect(404);
  expect(res.body.errors[0].message).toBe("Ticket not found");
});

test.each(["123", "not-a-uuid", "00000000-0000-0000-0000-00000000000g"])(
  "answers 404 for the malformed id %s",
  async (id) => {
    const res = await request(h.url).get(`/api/tickets/${id}`).expect(404);
    expect(res.body.errors[0].message).toBe("Ticket not found");
  },
);
