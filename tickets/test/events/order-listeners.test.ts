import { randomUUID } from "node:crypto";
import {
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

/** The ticket.updated events published for one ticket, as [version, status, orderId]. */
async function updatesOf(ticketId: string) {
  return (await h.published("ticket.updated"))
    .map((e) => e.data as { id: string; version: number; status: string; orderId: string | null })
    .filter((d) => d.id === ticketId)
    .map((d) => [d.version, d.status, d.orderId]);
}

const seconds = (n: number) => new Date(Date.now() + n * 1000);

test("order.created reserves the ticket for the order and publishes ticket.updated", async () => {
  const ticket = await listTicket(h, seller);
  const orderId = randomUUID();
  await h.publish(orderCreated(ticket.id, orderId));
  const reserved = await ticketWithStatus(h, ticket.id, "reserved", orderId);
  expect(reserved.version).toBe(1);
  expect(await updatesOf(ticket.id)).toEqual([[1, "reserved", orderId]]);
});

test("a redelivered order.created changes nothing the second time", async () => {
  const ticket = await listTicket(h, seller);
  const event = orderCreated(ticket.id);
  await h.publish(event);
  await h.publish(event, { duplicate: true });
  await h.publish(event, { duplicate: true });
  await h.consumerIdle("tickets", "order.created");
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "reserved", version: 1 });
  expect(await updatesOf(ticket.id)).toHaveLength(1);
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
  await ticketWithStatus(h, ticket.id, "reserved", second);
  expect(await updatesOf(ticket.id)).toEqual([
    [1, "reserved", first],
    [2, "available", null],
    [3, "reserved", second],
  ]);
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
  expect(await getTicket(h, ticket.id)).toMatchObject({ status: "sold", orderId, version: 1 });
  expect(await updatesOf(ticket.id)).toEqual([[1, "sold", orderId]]);
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
