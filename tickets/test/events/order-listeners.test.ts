import { randomUUID } from "node:crypto";
import { eventually } from "@m-ticketing/common/testing";
import request from "supertest";
import {
  cookieOf,
  getTicket,
  type Harness,
  listTicket,
  newUser,
  orderCancelled,
  orderCompleted,
  orderCreated,
  startTickets,
  ticketWithStatus,
} from "../helpers";

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

/** The ticket.updated events published for one ticket: none, since orders' own decisions are not echoed. */
async function updatesOf(ticketId: string) {
  return (await h.published("ticket.updated")).filter((e) => e.data.id === ticketId);
}

/** `order.created` at another price than the listing's (the seller's edit raced the reservation). */
function orderCreatedAt(ticketId: string, orderId: ReturnType<typeof randomUUID>, priceCents: number) {
  const event = orderCreated(ticketId, orderId);
  return { ...event, data: { ...event.data, ticket: { ...event.data.ticket, price: priceCents } } };
}

const seconds = (n: number) => new Date(Date.now() + n * 1000);

test("order.created reserves the ticket for the order without echoing it back as ticket.updated", async () => {
  const ticket = await listTicket(h, seller);
  const orderId = randomUUID();
  await h.publish(orderCreated(ticket.id, orderId));
  const reserved = await ticketWithStatus(h, ticket.id, "reserved", orderId);
  expect(reserved.version).toBe(1);
  expect(await updatesOf(ticket.id)).toEqual([]);
});

test("a reserved or sold ticket shows its order's price; released, the seller's asking price again", async () => {
  const ticket = await listTicket(h, seller, { price: "900.00" });
  const first = randomUUID();
  // The buyer reserved at 1.00 on orders' view, before the seller's edit to 900.00 reached it.
  await h.publish(orderCreatedAt(ticket.id, first, 100));
  expect(await ticketWithStatus(h, ticket.id, "reserved", first)).toMatchObject({ price: "1.00", currency: "USD" });
  const mine = await request(h.url).get("/api/tickets/mine").set("Cookie", cookieOf(seller)).expect(200);
  expect(mine.body.tickets.find((t: { id: string }) => t.id === ticket.id)).toMatchObject({ price: "1.00" });
  await h.publish(orderCancelled(ticket.id, first));
  expect(await ticketWithStatus(h, ticket.id, "available")).toMatchObject({ price: "900.00" });

  const second = randomUUID();
  await h.publish(orderCompleted(ticket.id, second));
  await ticketWithStatus(h, ticket.id, "sold", second);
  // Sold before its order.created arrived: the sale's price is filled in when it does.
  await h.publish(orderCreatedAt(ticket.id, second, 250));
  await eventually(async () => (await getTicket(h, ticket.id)).price === "2.50");
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "sold", orderId: second });
});

test("a redelivered order.created changes nothing the second time", async () => {
  const ticket = await listTicket(h, seller);
  const event = orderCreated(ticket.id);
  await h.publish(event);
  await h.publish(event, { duplicate: true });
  await h.publish(event, { duplicate: true });
  await h.consumerIdle("tickets", "order.created");
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "reserved", version: 1 });
});

test("reservation → cancellation → a new order reserves it again", async () => {
  const ticket = await listTicket(h, seller);
  const first = randomUUID();
  const second = randomUUID();
  await h.publish(orderCreated(ticket.id, first));
  await ticketWithStatus(h, ticket.id, "reserved", first);
  await h.publish(orderCancelled(ticket.id, first));
  const released = await ticketWithStatus(h, ticket.id, "available");
  expect(released.orderId).toBeNull();
  await h.publish(orderCreated(ticket.id, second));
  expect(await ticketWithStatus(h, ticket.id, "reserved", second)).toMatchObject({ version: 3 });
  expect(await updatesOf(ticket.id)).toEqual([]);
});

test("a late cancellation of an older order does not free the ticket a newer order holds", async () => {
  const ticket = await listTicket(h, seller);
  const older = randomUUID();
  const newer = randomUUID();
  await h.publish(orderCreated(ticket.id, older, seconds(0)));
  await ticketWithStatus(h, ticket.id, "reserved", older);
  // The newer order's creation overtakes the older order's cancellation (separate subjects).
  await h.publish(orderCreated(ticket.id, newer, seconds(1)));
  await ticketWithStatus(h, ticket.id, "reserved", newer);
  await h.publish(orderCancelled(ticket.id, older));
  await h.consumerIdle("tickets", "order.cancelled");
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "reserved", orderId: newer, version: 2 });
});

test("an older order's creation arriving after a newer one's does not take the ticket back", async () => {
  const ticket = await listTicket(h, seller);
  const older = randomUUID();
  const newer = randomUUID();
  await h.publish(orderCreated(ticket.id, newer, seconds(1)));
  await ticketWithStatus(h, ticket.id, "reserved", newer);
  await h.publish(orderCreated(ticket.id, older, seconds(0)));
  await h.consumerIdle("tickets", "order.created");
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "reserved", orderId: newer, version: 1 });
});

test("a cancellation that arrives before its order.created leaves the ticket available", async () => {
  const ticket = await listTicket(h, seller);
  const orderId = randomUUID();
  await h.publish(orderCancelled(ticket.id, orderId));
  await h.consumerIdle("tickets", "order.cancelled");
  await h.publish(orderCreated(ticket.id, orderId));
  await h.consumerIdle("tickets", "order.created");
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "available", orderId: null, version: 0 });
  expect(await updatesOf(ticket.id)).toEqual([]);
});

test("order.completed sells the ticket, even when it arrives before order.created", async () => {
  const ticket = await listTicket(h, seller);
  const orderId = randomUUID();
  await h.publish(orderCompleted(ticket.id, orderId));
  await ticketWithStatus(h, ticket.id, "sold", orderId);
  await h.publish(orderCreated(ticket.id, orderId));
  await h.consumerIdle("tickets", "order.created");
  // order.created brought the sale's price (version 2); the ticket stays sold to the order.
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "sold", orderId, version: 2, price: "20.50" });
  expect(await updatesOf(ticket.id)).toEqual([]);
});

test("a sold ticket stays sold whatever order events come later", async () => {
  const ticket = await listTicket(h, seller);
  const buyer = randomUUID();
  await h.publish(orderCreated(ticket.id, buyer));
  await ticketWithStatus(h, ticket.id, "reserved", buyer);
  await h.publish(orderCompleted(ticket.id, buyer));
  await ticketWithStatus(h, ticket.id, "sold", buyer);
  await h.publish(orderCancelled(ticket.id, buyer));
  await h.publish(orderCreated(ticket.id, randomUUID(), seconds(5)));
  await h.consumerIdle("tickets", "order.cancelled");
  await h.consumerIdle("tickets", "order.created");
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "sold", orderId: buyer, version: 2 });
});
