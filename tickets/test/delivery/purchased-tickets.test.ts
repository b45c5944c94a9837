// "My tickets" (GET /api/tickets/purchased) and the ticket page's word to its buyer.
import { randomUUID } from "node:crypto";
import request from "supertest";
import {
  cookieOf,
  type Harness,
  listTicket,
  newUser,
  orderCompleted,
  startTickets,
  ticketWithStatus,
} from "../helpers";
import { orderPlacedBy } from "./fixtures";

/** Events more than 2 years ahead are refused: dates relative to today. */
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

let h: Harness;
beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

async function buy(buyer: { id: string }, ticketId: string, pay = true) {
  const orderId = randomUUID();
  await h.publish(orderPlacedBy(buyer, ticketId, orderId));
  await ticketWithStatus(h, ticketId, "reserved", orderId);
  if (pay) {
    await h.publish(orderCompleted(ticketId, orderId));
    await ticketWithStatus(h, ticketId, "sold", orderId);
  }
  return orderId;
}

const purchased = async (who: { id: string }) =>
  (await request(h.url).get("/api/tickets/purchased").set("Cookie", cookieOf(who)).expect(200)).body.tickets as {
    id: string;
    orderId: string;
    eventDate: string;
  }[];

test("the buyer's paid tickets, soonest event first, each with its order number; nobody else's, nothing reserved", async () => {
  const seller = newUser();
  const buyer = newUser();
  const later = await listTicket(h, seller, { title: "Later show", eventDate: inDays(400) });
  const sooner = await listTicket(h, seller, { title: "Sooner show", eventDate: inDays(200) });
  const onlyReserved = await listTicket(h, seller, { title: "Unpaid show" });
  const laterOrder = await buy(buyer, later.id);
  const soonerOrder = await buy(buyer, sooner.id);
  await buy(buyer, onlyReserved.id, false);
  await buy(newUser(), (await listTicket(h, seller)).id); // someone else's purchase

  expect((await purchased(buyer)).map((t) => [t.id, t.orderId])).toEqual([
    [sooner.id, soonerOrder],
    [later.id, laterOrder],
  ]);
  expect(await purchased(seller)).toEqual([]);
  await request(h.url).get("/api/tickets/purchased").expect(401);
});

test("the ticket page tells its paying buyer the purchase is theirs, and nobody else", async () => {
  const seller = newUser();
  const buyer = newUser();
  const ticket = await listTicket(h, seller);
  const orderId = await buy(buyer, ticket.id, false);
  const page = async (who?: { id: string }) => {
    const req = request(h.url).get(`/api/tickets/${ticket.id}`);
    return (await (who ? req.set("Cookie", cookieOf(who)) : req).expect(200)).body;
  };
  expect((await page(buyer)).purchase).toBeNull(); // reserved: not bought yet
  await h.publish(orderCompleted(ticket.id, orderId));
  await ticketWithStatus(h, ticket.id, "sold", orderId);
  expect((await page(buyer)).purchase).toEqual({ orderId });
  for (const who of [seller, newUser(), undefined]) expect((await page(who)).purchase).toBeNull();
});
