// The seed documentation's `POST /api/tickets/new` answers exactly as `POST /api/tickets`.
import { attachTicketFile } from "@m-ticketing/common/testing";
import request from "supertest";
import { cookieOf, eventsWritten, type Harness, newUser, startTickets, ticketBody } from "../helpers";

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

describe.each([
  ["/api/tickets", "ours"],
  ["/api/tickets/new", "seed-compatible alias"],
])("POST %s (%s)", (path, _which) => {
  const post = (body: object, cookie?: string) => {
    const req = request(h.url).post(path);
    return (cookie ? req.set("Cookie", cookie) : req).send(body);
  };

  test("201 with the seller's new listing, announced with ticket.created once its ticket is attached", async () => {
    const body = ticketBody({ title: `Listed through ${path}` });
    const res = await post(body, cookieOf(seller)).expect(201);
    expect(res.body.ticket).toMatchObject({
      title: body.event.name,
      price: "20.50",
      userId: seller.id,
      status: "available",
    });
    await attachTicketFile(h.url, cookieOf(seller), res.body.ticket.id);
    const created = await h.published("ticket.created");
    expect(created.map((e) => (e.data as { id: string }).id)).toContain(res.body.ticket.id);
  });

  test("401 when nobody is signed in, listing nothing", async () => {
    const before = await eventsWritten(h);
    const res = await post(ticketBody()).expect(401);
    expect(res.body).toEqual({ errors: [{ message: "Not signed in" }] });
    expect(await eventsWritten(h)).toBe(before);
  });

  test("400 naming each field our contract requires, for the seed's bare {title, price}", async () => {
    const res = await post({ title: "", price: "twelve" }, cookieOf(seller)).expect(400);
    const fields = res.body.errors.map((e: { field?: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "price"]));
    // A valid price alone: the listing still needs its event.
    const noEvent = await post({ price: "12" }, cookieOf(seller)).expect(400);
    expect(noEvent.body.errors.map((e: { field?: string }) => e.field)).toEqual(["eventId"]);
  });
});

test("the alias is only a POST: GET /api/tickets/new is the show route, and no ticket has that id", async () => {
  const res = await request(h.url).get("/api/tickets/new").expect(404);
  expect(res.body).toEqual({ errors: [{ message: "Ticket not found" }] });
});
