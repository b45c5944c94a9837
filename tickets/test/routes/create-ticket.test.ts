import { attachTicketFile, sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import { cookieOf, eventsWritten, type Harness, newUser, startTickets, ticketBody } from "../helpers";

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets({ CURRENCY: "EUR" });
});
afterAll(() => h.stop());

const post = (body: unknown, cookie = cookieOf(seller)) =>
  request(h.url)
    .post("/api/tickets")
    .set("Cookie", cookie)
    .send(body as object);

test("lists a ticket for the signed-in seller and answers 201 with the ticket", async () => {
  const body = ticketBody({ price: 20.5 });
  const res = await post(body).expect(201);
  expect(res.body.ticket).toEqual({
    id: expect.any(String),
    eventId: expect.any(String),
    title: body.event.name,
    price: "20.50",
    faceValue: "1000000.00",
    currency: "EUR",
    // Default fees (common/src/fees.ts): 10 % + 0.99 for the buyer, 5 % for the seller.
    fees: { price: "20.50", buyerFee: "3.04", total: "23.54", sellerFee: "1.03", sellerReceives: "19.47" },
    section: null,
    row: null,
    seat: null,
    description: body.description,
    eventDate: body.event.startsAt,
    timeZone: "Europe/London",
    venue: body.event.venue,
    userId: seller.id,
    sellerName: "Test User", // the name in the seller's session, shown on the listing
    status: "available",
    listed: false, // until the seller attaches the ticket file
    version: 0,
    createdAt: expect.any(String),
  });
});

test("the fees follow BUYER_FEE_PERCENT, BUYER_FEE_FIXED and SELLER_FEE_PERCENT", async () => {
  const other = await startTickets({ BUYER_FEE_PERCENT: "7", BUYER_FEE_FIXED: "3", SELLER_FEE_PERCENT: "5" });
  try {
    const res = await request(other.url)
      .post("/api/tickets")
      .set("Cookie", cookieOf(seller))
      .send(ticketBody({ price: "10.00" }))
      .expect(201);
    expect(res.body.ticket.fees).toEqual({
      price: "10.00",
      buyerFee: "3.70",
      total: "13.70",
      sellerFee: "0.50",
      sellerReceives: "9.50",
    });
  } finally {
    await other.stop();
  }
});

test("accepts the price as a numeric string and the description may be left out", async () => {
  const { description: _omitted, ...body } = ticketBody({ price: "1000000" });
  const res = await post(body).expect(201);
  expect(res.body.ticket).toMatchObject({ price: "1000000.00", description: null });
});

test("announces the ticket with ticket.created (price in cents) once its file is attached, not before", async () => {
  const res = await post(ticketBody({ price: "12.3" })).expect(201);
  const id = res.body.ticket.id;
  const ids = async () => (await h.published("ticket.created")).map((e) => (e.data as { id: string }).id);
  expect(await ids()).not.toContain(id);
  await attachTicketFile(h.url, cookieOf(seller), id);
  // Read from JetStream, where the other services read it.
  const events = await h.published("ticket.created");
  const event = events.find((e) => (e.data as { id: string }).id === id);
  expect(event?.data).toEqual({
    id,
    title: "Radiohead at the Forum",
    price: 1230,
    currency: "EUR",
    userId: seller.id,
    status: "available",
    orderId: null,
    version: 0,
    eventId: res.body.ticket.eventId,
    startsAt: res.body.ticket.eventDate,
  });
});

test("answers 401 when nobody is signed in, and lists nothing", async () => {
  const before = await eventsWritten(h);
  const res = await request(h.url).post("/api/tickets").send(ticketBody()).expect(401);
  expect(res.body.errors[0].message).toBeDefined();
  expect(await eventsWritten(h)).toBe(before);
});

test.each([
  ["event.name", "empty", { title: "" }],
  ["event.name", "over 120 characters", { title: "x".repeat(121) }],
  ["event.name", "missing", { title: undefined }],
  ["price", "zero", { price: 0 }],
  ["price", "negative", { price: -5 }],
  ["price", "with three decimals", { price: "12.345" }],
  ["price", "over 1,000,000", { price: 1_000_000.01 }],
  ["price", "not a number", { price: "twelve" }],
  ["price", "missing", { price: undefined }],
  ["description", "over 2000 characters", { description: "x".repeat(2001) }],
  ["event.startsAt", "not a date-time", { eventDate: "next friday" }],
  ["event.startsAt", "in the past", { eventDate: "2001-01-01T20:00:00Z" }],
  ["event.startsAt", "missing", { eventDate: undefined }],
  ["event.venue", "over 120 characters", { venue: "x".repeat(121) }],
  ["event.venue", "empty", { venue: "" }],
  ["faceValue", "missing", { faceValue: undefined }],
  ["faceValue", "zero", { faceValue: 0 }],
  ["eventId", "not a UUID", { event: undefined, eventId: "nope" }],
  ["eventId", "missing (and no event described)", { event: undefined }],
  ["quantity", "over 20", { quantity: 21 }],
])("answers 400 naming %s when it is %s", async (field, _case, override) => {
  const res = await post(ticketBody(override)).expect(400);
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
});

test("answers 400 for a body that is not JSON", async () => {
  const res = await request(h.url)
    .post("/api/tickets")
    .set("Cookie", cookieOf(seller))
    .set("Content-Type", "application/json")
    .send("{not json")
    .expect(400);
  expect(res.body.errors).toHaveLength(1);
});

test("a seller who has not verified their email address is refused with 403 saying so, and nothing is listed", async () => {
  const unverified = newUser();
  const res = await post(ticketBody(), sessionCookie({ ...unverified, emailVerified: false })).expect(403);
  expect(res.body.errors[0].message).toMatch(/verify your email address/i);
  const mine = await request(h.url).get("/api/tickets/mine").set("Cookie", cookieOf(unverified)).expect(200);
  expect(mine.body.total).toBe(0);
});
