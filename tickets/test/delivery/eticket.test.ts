// The platform e-ticket says when the event is in the event's own zone, where, which seat,
// whose ticket and which order, and carries the seller's barcode re-drawn.
import { randomUUID } from "node:crypto";
import { sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import { type Harness, listTicket, newUser, orderCompleted, startTickets, ticketWithStatus } from "../helpers";
import { attachFreshTicket, orderPlacedBy, pdfTextLines } from "./fixtures";

/** Next calendar year: in the future and less than 2 years away (events further ahead are refused). */
const Y = new Date().getUTCFullYear() + 1;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

let h: Harness;
beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

test("date and time in the event's zone (not UTC, not the server's), venue, seat, holder and order number", async () => {
  const seller = newUser();
  const buyer = newUser();
  // 23:30 UTC on 4 July is 19:30 in New York: a UTC e-ticket would say 23:30.
  const ticket = await listTicket(h, seller, {
    event: {
      name: "Fourth of July Fireworks Gala",
      venue: "Brooklyn Bridge Park",
      city: "New York",
      country: "US",
      startsAt: `${Y}-07-04T23:30:00Z`,
      timeZone: "America/New_York",
    },
    section: "B",
    row: "3",
    seat: "12",
  });
  await attachFreshTicket(h, seller, ticket.id);
  const orderId = randomUUID();
  await h.publish(orderPlacedBy(buyer, ticket.id, orderId));
  await h.publish(orderCompleted(ticket.id, orderId));
  await ticketWithStatus(h, ticket.id, "sold", orderId);

  const res = await request(h.url)
    .get(`/api/tickets/${ticket.id}/eticket.pdf`)
    .set("Cookie", sessionCookie({ ...buyer, name: "Bea Buyer" }))
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const lines = pdfTextLines(res.body as Buffer);
  expect(lines).toEqual(
    expect.arrayContaining([
      "Fourth of July Fireworks Gala",
      `${WEEKDAYS[new Date(Date.UTC(Y, 6, 4)).getUTCDay()]}, 4 July ${Y} at 19:30 (America/New_York)`,
      "Brooklyn Bridge Park",
      "Section B · Row 3 · Seat 12",
      "Ticket holder: Bea Buyer",
      `Order number: ${orderId}`,
    ]),
  );
});
