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

// ticketBody puts `title` and `venue` in the new event (event.name, event.venue).
test.each([
  ["event.name", "title", "Front row \u202Ewor kcab\u202C"],
  ["event.name", "title", "Concert\u2066 isolate"],
  ["event.name", "title", "Bell\u0007"],
  ["event.name", "title", "Line\nbreak"],
  ["event.venue", "venue", "Arena\u001B[31m"],
  ["event.venue", "venue", "Hall\u0000"],
  ["description", "description", "Great seats \u202Dforced"],
  ["description", "description", "Escape \u009B sequence"],
  ["section", "section", "Stalls \u202E A"],
  ["seat", "seat", "12\u0008"],
])(
  "a listing whose %s has hidden characters (%s = %j) is refused with a 400 naming it, and nothing is listed",
  async (field, key, value) => {
    const before = (await request(h.url).get("/api/tickets").query({ limit: 100 })).body.total;
    const res = await request(h.url)
      .post("/api/tickets")
      .set("Cookie", cookieOf(seller))
      .send(ticketBody({ [key]: value }))
      .expect(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field, message: expect.stringMatching(/control or text-direction|NUL/) }),
    ]);
    expect((await request(h.url).get("/api/tickets").query({ limit: 100 })).body.total).toBe(before);
  },
);

test("descriptions keep their line breaks and tabs; ordinary non-Latin text is fine", async () => {
  const res = await request(h.url)
    .post("/api/tickets")
    .set("Cookie", cookieOf(seller))
    .send(ticketBody({ title: "Концерт — 東京 🎸", description: "Row 3\n\tSeats 4–5\r\nمرحبا" }))
    .expect(201);
  expect(res.body.ticket.description).toBe("Row 3\n\tSeats 4–5\r\nمرحبا");
});
