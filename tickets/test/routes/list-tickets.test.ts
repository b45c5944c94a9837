import { randomBytes } from "node:crypto";
import request from "supertest";
import {
  cookieOf,
  type Harness,
  listTicket,
  newUser,
  orderCreated,
  sellThroughEvents,
  startTickets,
  type TicketJson,
  ticketWithStatus,
} from "../helpers";

let h: Harness;

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

/** A word no other test uses, so each test searches only its own listings. */
const token = () => `tok${randomBytes(4).toString("hex")}`;
const days = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000).toISOString();

async function search(query: Record<string, string | number>) {
  const res = await request(h.url).get("/api/tickets").query(query).expect(200);
  return res.body as { tickets: TicketJson[]; page: number; limit: number; total: number };
}

test("finds listings by a word in the title, venue or description, ignoring case", async () => {
  const word = token();
  const seller = newUser();
  const inTitle = await listTicket(h, seller, { title: `The ${word.toUpperCase()} tour` });
  const inVenue = await listTicket(h, seller, { venue: `${word} arena` });
  const inDescription = await listTicket(h, seller, { description: `near the ${word} stand` });
  await listTicket(h, seller, { title: "Something else entirely" });
  const result = await search({ q: word });
  expect(result.total).toBe(3);
  expect(result.tickets.map((t) => t.id).sort()).toEqual([inTitle.id, inVenue.id, inDescription.id].sort());
});

test("treats % and _ in the search as ordinary characters", async () => {
  const word = token();
  const seller = newUser();
  const literal = await listTicket(h, seller, { title: `${word} 100% fun` });
  await listTicket(h, seller, { title: `${word} 1000 fun` });
  const result = await search({ q: `${word} 100%` });
  expect(result.tickets.map((t) => t.id)).toEqual([literal.id]);
  expect((await search({ q: `${word}_` })).total).toBe(0);
});

test("pages through results with page, limit and the total count", async () => {
  const word = token();
  const seller = newUser();
  const created: TicketJson[] = [];
  for (let i = 0; i < 5; i++) created.push(await listTicket(h, seller, { title: `${word} ${i}` }));
  const newestFirst = created.map((t) => t.id).reverse();

  const first = await search({ q: word, limit: 2 });
  expect(first).toMatchObject({ page: 1, limit: 2, total: 5 });
  const second = await search({ q: word, limit: 2, page: 2 });
  const third = await search({ q: word, limit: 2, page: 3 });
  const beyond = await search({ q: word, limit: 2, page: 4 });
  expect([...first.tickets, ...second.tickets, ...third.tickets].map((t) => t.id)).toEqual(newestFirst);
  expect(beyond).toMatchObject({ tickets: [], page: 4, total: 5 });
});

test("uses 20 per page by default", async () => {
  const result = await search({ q: token() });
  expect(result).toEqual({ tickets: [], page: 1, limit: 20, total: 0, totalCapped: false });
});

test("sorts by newest (default), price up, price down and event date", async () => {
  const word = token();
  const seller = newUser();
  const a = await listTicket(h, seller, { title: word, price: "30", eventDate: days(20) });
  const b = await listTicket(h, seller, { title: word, price: "10", eventDate: days(30) });
  const c = await listTicket(h, seller, { title: word, price: "20", eventDate: days(10) });
  const ids = async (sort?: string) => (await search(sort ? { q: word, sort } : { q: word })).tickets.map((t) => t.id);
  expect(await ids()).toEqual([c.id, b.id, a.id]);
  expect(await ids("newest")).toEqual([c.id, b.id, a.id]);
  expect(await ids("price_asc")).toEqual([b.id, c.id, a.id]);
  expect(await ids("price_desc")).toEqual([a.id, c.id, b.id]);
  expect(await ids("event_date")).toEqual([c.id, a.id, b.id]);
});

test("shows only available tickets in the public list", async () => {
  const word = token();
  const seller = newUser();
  const available = await listTicket(h, seller, { title: word });
  const reserved = await listTicket(h, seller, { title: word });
  const sold = await listTicket(h, seller, { title: word });
  await h.publish(orderCreated(reserved.id));
  await ticketWithStatus(h, reserved.id, "reserved");
  await sellThroughEvents(h, sold.id);
  const result = await search({ q: word });
  expect(result.tickets.map((t) => t.id)).toEqual([available.id]);
  expect(result.total).toBe(1);
});

test.each([
  ["limit", { limit: 0 }],
  ["limit", { limit: 101 }],
  ["limit", { limit: "ten" }],
  ["page", { page: 0 }],
  ["page", { page: 1.5 }],
  ["sort", { sort: "cheapest" }],
  ["q", { q: "x".repeat(201) }],
])("answers 400 naming %s for a bad query", async (field, query) => {
  const res = await request(h.url).get("/api/tickets").query(query).expect(400);
  expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
});

describe("/api/tickets/mine", () => {
  test("lists the signed-in seller's tickets in every status, and nobody else's", async () => {
    const seller = newUser();
    const available = await listTicket(h, seller);
    const reserved = await listTicket(h, seller);
    const sold = await listTicket(h, seller);
    await listTicket(h, newUser());
    await h.publish(orderCreated(reserved.id));
    await ticketWithStatus(h, reserved.id, "reserved");
    await sellThroughEvents(h, sold.id);

    const res = await request(h.url).get("/api/tickets/mine").set("Cookie", cookieOf(seller)).expect(200);
    expect(res.body).toMatchObject({ page: 1, limit: 20, total: 3 });
    expect(res.body.tickets.map((t: TicketJson) => [t.id, t.status])).toEqual([
      [sold.id, "sold"],
      [reserved.id, "reserved"],
      [available.id, "available"],
    ]);
  });

  test("takes the same search, paging and sorting", async () => {
    const seller = newUser();
    const cheap = await listTicket(h, seller, { title: "Opera", price: 5 });
    await listTicket(h, seller, { title: "Opera", price: 50 });
    await listTicket(h, seller, { title: "Ballet", price: 1 });
    const res = await request(h.url)
      .get("/api/tickets/mine")
      .query({ q: "opera", sort: "price_asc", limit: 1 })
      .set("Cookie", cookieOf(seller))
      .expect(200);
    expect(res.body).toMatchObject({ page: 1, limit: 1, total: 2 });
    expect(res.body.tickets.map((t: TicketJson) => t.id)).toEqual([cheap.id]);
  });

  test("answers 400 for a bad query", async () => {
    await request(h.url).get("/api/tickets/mine").query({ sort: "x" }).set("Cookie", cookieOf(newUser())).expect(400);
  });

  test("answers 401 when nobody is signed in", async () => {
    await request(h.url).get("/api/tickets/mine").expect(401);
  });
});
