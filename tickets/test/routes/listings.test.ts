import { randomUUID } from "node:crypto";
import { attachTicketFile } from "@m-ticketing/common/testing";
import request from "supertest";
import {
  addEvent,
  cookieOf,
  type Harness,
  listTicket,
  newUser,
  orderCreated,
  startEvent,
  startTickets,
  ticketWithStatus,
} from "../helpers";

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

const post = (body: object, user = seller) =>
  request(h.url).post("/api/tickets").set("Cookie", cookieOf(user)).send(body);
const eventListings = async (eventId: string) =>
  (await request(h.url).get("/api/tickets").query({ eventId, sort: "price_asc" }).expect(200)).body;
const eventSummary = async (eventId: string) =>
  (await request(h.url).get(`/api/events/${eventId}`).expect(200)).body.event;

describe("price cap (PRICE_CAP_PERCENT, default 120)", () => {
  test("120.00 on a face value of 100.00 is accepted", async () => {
    const event = await addEvent(h, seller, { name: "Cap show" });
    const res = await post({ eventId: event.id, faceValue: "100.00", price: "120.00" }).expect(201);
    expect(res.body.ticket).toMatchObject({ price: "120.00", faceValue: "100.00", eventId: event.id });
  });

  test("120.01 on a face value of 100.00 is refused with 400 naming price, and nothing is listed", async () => {
    const event = await addEvent(h, seller, { name: "Capped show" });
    const res = await post({ eventId: event.id, faceValue: "100.00", price: "120.01" }).expect(400);
    expect(res.body.errors).toEqual([{ field: "price", message: expect.stringMatching(/at most 120\.00/) }]);
    expect((await eventListings(event.id)).tickets).toEqual([]);
  });

  test("a country that requires 100 % sets PRICE_CAP_PERCENT=100", async () => {
    const strict = await startTickets({ PRICE_CAP_PERCENT: "100" });
    try {
      const event = await addEvent(strict, seller, { name: "Strict show" });
      const send = (price: string) =>
        request(strict.url)
          .post("/api/tickets")
          .set("Cookie", cookieOf(seller))
          .send({ eventId: event.id, faceValue: "50.00", price });
      await send("50.01").expect(400);
      await send("50.00").expect(201);
    } finally {
      await strict.stop();
    }
  });
});

test("several tickets for one event in one go, each its own listing, cheapest first on the event", async () => {
  const event = await addEvent(h, seller, { name: "Paradiso night", venue: "Paradiso", city: "Amsterdam" });
  const res = await post({
    eventId: event.id,
    faceValue: "40.00",
    price: "35.00",
    section: "Balcony",
    row: "2",
    quantity: 3,
  }).expect(201);
  expect(res.body.tickets).toHaveLength(3);
  expect(new Set(res.body.tickets.map((t: { id: string }) => t.id)).size).toBe(3);
  const single = await post({ eventId: event.id, faceValue: "40.00", price: "30.00" }).expect(201);
  // Each listing is seen by buyers once its own ticket is attached.
  for (const { id } of [...res.body.tickets, single.body.ticket] as { id: string }[]) {
    await attachTicketFile(h.url, cookieOf(seller), id);
  }

  const listed = await eventListings(event.id);
  expect(listed.tickets.map((t: { price: string }) => t.price)).toEqual(["30.00", "35.00", "35.00", "35.00"]);
  expect(listed.total).toBe(4);
  expect(await eventSummary(event.id)).toMatchObject({ availableCount: 4, minPrice: "30.00" });
  const created = (await h.published("ticket.created")).filter(
    (e) => (e.data as { eventId?: string }).eventId === event.id,
  );
  expect(created).toHaveLength(4);
  expect(created[0]?.data).toMatchObject({ startsAt: event.startsAt });
});

test("listing for an event that has started is refused with 409; its listings are no longer listed", async () => {
  const event = await addEvent(h, seller, { name: "Doors open" });
  const ticket = await listTicket(h, seller, { event: undefined, eventId: event.id });
  await startEvent(h, event.id);
  expect((await eventListings(event.id)).tickets).toEqual([]);
  const all = (await request(h.url).get("/api/tickets").expect(200)).body.tickets.map((t: { id: string }) => t.id);
  expect(all).not.toContain(ticket.id);
  const res = await post({ eventId: event.id, faceValue: "10.00", price: "10.00" }).expect(409);
  expect(res.body.errors[0]).toMatchObject({ field: "eventId", message: expect.stringMatching(/started/) });
});

test("an unknown event answers 404", async () => {
  await post({ eventId: randomUUID(), faceValue: "10.00", price: "10.00" }).expect(404);
});

describe("withdraw (DELETE /api/tickets/:id)", () => {
  test("the seller withdraws an available listing: gone from the event and search at once, announced to orders", async () => {
    const event = await addEvent(h, seller, { name: "Withdrawn show" });
    const ticket = await listTicket(h, seller, { event: undefined, eventId: event.id, price: "25.00" });
    expect(await eventSummary(event.id)).toMatchObject({ availableCount: 1 });

    const res = await request(h.url).delete(`/api/tickets/${ticket.id}`).set("Cookie", cookieOf(seller)).expect(200);
    expect(res.body.ticket).toMatchObject({ status: "withdrawn", version: 1 });
    expect((await eventListings(event.id)).tickets).toEqual([]);
    expect(await eventSummary(event.id)).toMatchObject({ availableCount: 0, minPrice: null });
    const events = await request(h.url).get("/api/events").query({ q: "withdrawn", available: "true" }).expect(200);
    expect(events.body.events).toEqual([]);
    const updated = (await h.published("ticket.updated")).find((e) => (e.data as { id: string }).id === ticket.id);
    expect(updated?.data).toMatchObject({ status: "withdrawn", version: 1 });
    // Still the seller's, in My listings.
    const mine = await request(h.url).get("/api/tickets/mine").set("Cookie", cookieOf(seller)).expect(200);
    expect(mine.body.tickets.find((t: { id: string }) => t.id === ticket.id)?.status).toBe("withdrawn");
  });

  test("answers 409 once the listing is reserved, 403 to anyone but the seller, 401 signed out, 404 unknown", async () => {
    const ticket = await listTicket(h, seller);
    await request(h.url).delete(`/api/tickets/${ticket.id}`).expect(401);
    await request(h.url).delete(`/api/tickets/${ticket.id}`).set("Cookie", cookieOf(newUser())).expect(403);
    await request(h.url).delete(`/api/tickets/${randomUUID()}`).set("Cookie", cookieOf(seller)).expect(404);
    const orderId = randomUUID();
    await h.publish(orderCreated(ticket.id, orderId));
    await ticketWithStatus(h, ticket.id, "reserved", orderId);
    const res = await request(h.url).delete(`/api/tickets/${ticket.id}`).set("Cookie", cookieOf(seller)).expect(409);
    expect(res.body.errors).toEqual([
      {
        message: `The ticket is reserved by order ${orderId} awaiting payment and cannot be withdrawn; try again if that order ends unpaid`,
      },
    ]);
  });

  test("an order arriving for a withdrawn listing does not reserve it", async () => {
    const ticket = await listTicket(h, seller);
    await request(h.url).delete(`/api/tickets/${ticket.id}`).set("Cookie", cookieOf(seller)).expect(200);
    await h.publish(orderCreated(ticket.id));
    await h.consumerIdle("tickets", "order.created");
    expect((await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200)).body.ticket.status).toBe("withdrawn");
  });
});
