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
    title: body.title,
    price: "20.50",
    currency: "EUR",
    description: body.description,
    eventDate: body.eventDate,
    venue: body.venue,
    userId: seller.id,
    sellerName: "Test User", // the name in the seller's session, shown on the listing
    status: "available",
    orderId: null,
    version: 0,
    createdAt: expect.any(String),
  });
});

test("accepts the price as a numeric string and the description may be left out", async () => {
  const { description: _omitted, ...body } = ticketBody({ price: "1000000" });
  const res = await post(body).expect(201);
  expect(res.body.ticket).toMatchObject({ price: "1000000.00", description: null });
});

test("announces the new ticket with ticket.created (price in cents) on the stream", async () => {
  const res = await post(ticketBody({ price: "12.3" })).expect(201);
  const id = res.body.ticket.id;
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
  });
});

test("answers 401 when nobody is signed in, and lists nothing", async () => {
  const before = await eventsWritten(h);
  const res = await request(h.url).post("/api/tickets").send(ticketBody()).expect(401);
  expect(res.body.errors[0].message).toBeDefined();
  expect(await eventsWritten(h)).toBe(before);
});

test.each([
  ["title", "empty", { title: "" }],
  ["title", "over 120 characters", { title: "x".repeat(121) }],
  ["title", "missing", { title: undefined }],
  ["price", "zero", { price: 0 }],
  ["price", "negative", { price: -5 }],
  ["price", "with three decimals", { price: "12.345" }],
  ["price", "over 1,000,000", { price: 1_000_000.01 }],
  ["price", "not a number", { price: "twelve" }],
  ["price", "missing", { price: undefined }],
  ["description", "over 2000 characters", { description: "x".repeat(2001) }],
  ["eventDate", "not a date-time", { eventDate: "next friday" }],
  ["eventDate", "in the past", { eventDate: "2001-01-01T20:00:00Z" }],
  ["eventDate", "missing", { eventDate: undefined }],
  ["venue", "over 120 characters", { venue: "x".repeat(121) }],
  ["venue", "empty", { venue: "" }],
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
