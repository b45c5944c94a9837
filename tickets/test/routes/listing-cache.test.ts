import { randomBytes } from "node:crypto";
import { eventually } from "@m-ticketing/common/testing";
import request from "supertest";
import { cookieOf, type Harness, listTicket, newUser, orderCreated, startTickets, ticketWithStatus } from "../helpers";

// The public listing pages are served from memory for up to LISTING_CACHE_MS (1 s); a change
// this replica makes is visible at once, anything else within the TTL.
let h: Harness;

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

const word = () => `cache${randomBytes(4).toString("hex")}`;
const listed = async (q: string) =>
  (await request(h.url).get("/api/tickets").query({ q }).expect(200)).body.tickets.map((t: { id: string }) => t.id);

test("a listing created, edited or withdrawn through this replica shows on the next page read", async () => {
  const q = word();
  const seller = newUser();
  expect(await listed(q)).toEqual([]); // now cached: empty
  const ticket = await listTicket(h, seller, { title: `${q} night` });
  expect(await listed(q)).toEqual([ticket.id]);
  await request(h.url).delete(`/api/tickets/${ticket.id}`).set("Cookie", cookieOf(seller)).expect(200);
  expect(await listed(q)).toEqual([]);
});

test("a ticket reserved by an order event applied here leaves the cached page at once", async () => {
  const q = word();
  const ticket = await listTicket(h, newUser(), { title: `${q} matinee` });
  expect(await listed(q)).toEqual([ticket.id]); // cached with the ticket on it
  await h.publish(orderCreated(ticket.id));
  await ticketWithStatus(h, ticket.id, "reserved");
  expect(await listed(q)).toEqual([]);
});

test("a change this replica did not make (another replica's) shows once the page expires", async () => {
  const q = word();
  const ticket = await listTicket(h, newUser(), { title: `${q} late show` });
  expect(await listed(q)).toEqual([ticket.id]);
  await h.service.context.database.pool.query("update tickets set status = 'withdrawn' where id = $1", [ticket.id]);
  await eventually(async () => (await listed(q)).length === 0);
});
