import { randomUUID } from "node:crypto";
import { eventually } from "@m-ticketing/common/testing";
import {
  type Harness,
  newUser,
  orderRow,
  placeOrder,
  replicaOf,
  seedTicket,
  startOrders,
  ticketUpdated,
} from "../helpers";

let h: Harness;

beforeAll(async () => {
  // The per-event cap is what is tested here, so the cap on unpaid orders per buyer is out of the way.
  h = await startOrders({
    MAX_TICKETS_PER_BUYER_PER_EVENT: "8",
    MAX_ACTIVE_ORDERS_PER_BUYER: "50",
    EVENT_START_CHECK_MS: "200",
  });
});
afterAll(() => h.stop());

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

test("the replica learns the event and its start from ticket.created", async () => {
  const eventId = randomUUID();
  const startsAt = inMs(86_400_000);
  const ticket = await seedTicket(h, { eventId, startsAt });
  expect(await replicaOf(h, ticket.id)).toMatchObject({ eventId, startsAt: new Date(startsAt), withdrawn: false });
});

test("a ticket for an event that has started cannot be ordered (409 naming ticketId)", async () => {
  const ticket = await seedTicket(h, { eventId: randomUUID(), startsAt: inMs(-75_000) });
  const res = await placeOrder(h, newUser(), ticket.id).expect(409);
  expect(res.body.errors[0]).toMatchObject({ field: "ticketId", message: expect.stringMatching(/started/) });
  expect(
    (await h.published("order.created")).some((e) => (e.data as { ticket: { id: string } }).ticket.id === ticket.id),
  ).toBe(false);
});

test("an order placed before the start but unpaid when it starts is cancelled (reason event_started) and announced", async () => {
  const ticket = await seedTicket(h, { eventId: randomUUID(), startsAt: inMs(1500) });
  const res = await placeOrder(h, newUser(), ticket.id).expect(201);
  const cancelled = await eventually(async () => {
    const row = await orderRow(h, res.body.order.id);
    return row?.status === "cancelled" ? row : undefined;
  });
  expect(cancelled.cancellationReason).toBe("event_started");
  const events = await h.published("order.cancelled");
  expect(events.find((e) => (e.data as { id: string }).id === res.body.order.id)?.data).toMatchObject({
    ticket: { id: ticket.id },
    reason: "event_started",
  });
});

test("a withdrawn ticket cannot be ordered", async () => {
  const ticket = await seedTicket(h, { eventId: randomUUID(), startsAt: inMs(86_400_000) });
  const withdrawn = { ...ticket, status: "withdrawn" as const, version: 1 };
  await h.publish(ticketUpdated(withdrawn));
  await eventually(async () => (await replicaOf(h, ticket.id))?.withdrawn === true);
  const res = await placeOrder(h, newUser(), ticket.id).expect(409);
  expect(res.body.errors[0].message).toMatch(/withdrew/);
});

test("one buyer holds or buys at most 8 tickets of one event: the 9th is refused, another event or buyer is not", async () => {
  const eventId = randomUUID();
  const startsAt = inMs(86_400_000);
  const seller = newUser();
  const listings = [];
  for (let i = 0; i < 10; i++) listings.push(await seedTicket(h, { eventId, startsAt, userId: seller.id }));
  const buyer = newUser();
  // Eight at once: the per-(buyer, event) lock lets them through one by one, all within the cap.
  const first = await Promise.all(listings.slice(0, 8).map((t) => placeOrder(h, buyer, t.id)));
  expect(first.map((r) => r.status)).toEqual(Array(8).fill(201));

  const ninth = await placeOrder(h, buyer, listings[8]!.id).expect(409);
  expect(ninth.body.errors[0]).toMatchObject({ field: "ticketId", message: expect.stringMatching(/8 tickets/) });
  await placeOrder(h, newUser(), listings[8]!.id).expect(201);
  const other = await seedTicket(h, { eventId: randomUUID(), startsAt });
  await placeOrder(h, buyer, other.id).expect(201);
});

test("nine simultaneous orders by one buyer for one event: exactly eight succeed", async () => {
  const eventId = randomUUID();
  const startsAt = inMs(86_400_000);
  const listings = [];
  for (let i = 0; i < 9; i++) listings.push(await seedTicket(h, { eventId, startsAt }));
  const buyer = newUser();
  const results = await Promise.all(listings.map((t) => placeOrder(h, buyer, t.id)));
  expect(results.filter((r) => r.status === 201)).toHaveLength(8);
  expect(results.filter((r) => r.status === 409)).toHaveLength(1);
});
