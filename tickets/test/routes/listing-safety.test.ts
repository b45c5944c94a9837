// Issue 12 finding 10: the public ticket view showed the buyer's orderId, and listing text
// accepted control and bidi-override characters (a title that reads differently than it is).
import request from "supertest";
import {
  cookieOf,
  type Harness,
  listTicket,
  newUser,
  orderCreated,
  startTickets,
  ticketBody,
  ticketWithStatus,
} from "../helpers";

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

test("a reserved ticket's public view does not show the order holding it", async () => {
  const ticket = await listTicket(h, seller);
  await h.publish(orderCreated(ticket.id));
  await ticketWithStatus(h, ticket.id, "reserved");
  const anyone = await request(h.url).get(`/api/tickets/${ticket.id}`).expect(200);
  expect(anyone.body.ticket.status).toBe("reserved");
  expect(anyone.body.ticket).not.toHaveProperty("orderId");
  const listed = await request(h.url).get("/api/tickets").expect(200);
  for (const t of listed.body.tickets) expect(t).not.toHaveProperty("orderId");
});

test.each([
  ["title", "Front row \u202Ewor kcab\u202C"],
  ["title", "Concert\u2066 isolate"],
  ["title", "Bell\u0007"],
  ["title", "Line\nbreak"],
  ["venue", "Arena\u001B[31m"],
  ["venue", "Hall\u0000"],
  ["description", "Great seats \u202Dforced"],
  ["description", "Escape \u009B sequence"],
])("a %s with hidden characters (%j) is refused with a 400 naming it, and nothing is listed", async (field, value) => {
  const before = (await request(h.url).get("/api/tickets").query({ limit: 100 })).body.total;
  const res = await request(h.url)
    .post("/api/tickets")
    .set("Cookie", cookieOf(seller))
    .send(ticketBody({ [field]: value }))
    .expect(400);
  expect(res.body.errors).toEqual([
    expect.objectContaining({ field, message: expect.stringMatching(/control or text-direction|NUL/) }),
  ]);
  expect((await request(h.url).get("/api/tickets").query({ limit: 100 })).body.total).toBe(before);
});

test("descriptions keep their line breaks and tabs; ordinary non-Latin text is fine", async () => {
  const res = await request(h.url)
    .post("/api/tickets")
    .set("Cookie", cookieOf(seller))
    .send(ticketBody({ title: "Концерт — 東京 🎸", description: "Row 3\n\tSeats 4–5\r\nمرحبا" }))
    .expect(201);
  expect(res.body.ticket.description).toBe("Row 3\n\tSeats 4–5\r\nمرحبا");
});
