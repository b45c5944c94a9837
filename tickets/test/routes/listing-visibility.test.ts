// Issue 14: a listing becomes visible to buyers only once its ticket is attached.
import { attachTicketFile } from "@m-ticketing/common/testing";
import request from "supertest";
import { addEvent, cookieOf, type Harness, listTicket, newUser, startTickets } from "../helpers";

let h: Harness;
const seller = newUser();
const buyer = newUser();

beforeAll(async () => {
  h = await startTickets();
});
afterAll(() => h.stop());

const ids = (body: { tickets: { id: string }[] }) => body.tickets.map((t) => t.id);

test("a listing without its ticket is the seller's alone: not listed, searched, counted, shown or announced", async () => {
  const event = await addEvent(h, seller, { name: "Unattached night" });
  const draft = await listTicket(h, seller, { event: undefined, eventId: event.id }, { attach: false });
  expect(draft.listed).toBe(false);

  const everyone = (await request(h.url).get("/api/tickets").query({ limit: 100 }).expect(200)).body;
  expect(ids(everyone)).not.toContain(draft.id);
  const onEvent = (await request(h.url).get("/api/tickets").query({ eventId: event.id }).expect(200)).body;
  expect(onEvent).toMatchObject({ tickets: [], total: 0 });
  const searched = (await request(h.url).get("/api/tickets").query({ q: "Unattached" }).expect(200)).body;
  expect(ids(searched)).not.toContain(draft.id);
  const shown = (await request(h.url).get(`/api/events/${event.id}`).expect(200)).body.event;
  expect(shown).toMatchObject({ availableCount: 0, minPrice: null });
  const found = (await request(h.url).get("/api/events").query({ q: "Unattached" }).expect(200)).body.events;
  expect(found.find((e: { id: string }) => e.id === event.id)).toMatchObject({ availableCount: 0 });

  await request(h.url).get(`/api/tickets/${draft.id}`).expect(404);
  await request(h.url).get(`/api/tickets/${draft.id}`).set("Cookie", cookieOf(buyer)).expect(404);
  const own = await request(h.url).get(`/api/tickets/${draft.id}`).set("Cookie", cookieOf(seller)).expect(200);
  expect(own.body.ticket).toMatchObject({ id: draft.id, listed: false });
  const mine = (await request(h.url).get("/api/tickets/mine").set("Cookie", cookieOf(seller)).expect(200)).body;
  expect(ids(mine)).toContain(draft.id);

  // An edit before the ticket is attached is not announced either.
  await request(h.url)
    .put(`/api/tickets/${draft.id}`)
    .set("Cookie", cookieOf(seller))
    .send({ price: "21.00" })
    .expect(200);
  const announced = [...(await h.published("ticket.created")), ...(await h.published("ticket.updated"))];
  expect(announced.map((e) => (e.data as { id: string }).id)).not.toContain(draft.id);
});

test("attaching the ticket lists it for everyone and announces it once, with the edits made before", async () => {
  const event = await addEvent(h, seller, { name: "Attached night" });
  const draft = await listTicket(h, seller, { event: undefined, eventId: event.id }, { attach: false });
  await request(h.url)
    .put(`/api/tickets/${draft.id}`)
    .set("Cookie", cookieOf(seller))
    .send({ price: "22.00" })
    .expect(200);

  await attachTicketFile(h.url, cookieOf(seller), draft.id);
  await attachTicketFile(h.url, cookieOf(seller), draft.id); // a replacement announces nothing new

  const onEvent = (await request(h.url).get("/api/tickets").query({ eventId: event.id }).expect(200)).body;
  expect(ids(onEvent)).toEqual([draft.id]);
  const page = await request(h.url).get(`/api/tickets/${draft.id}`).set("Cookie", cookieOf(buyer)).expect(200);
  expect(page.body.ticket).toMatchObject({ listed: true, price: "22.00" });
  expect((await request(h.url).get(`/api/events/${event.id}`)).body.event).toMatchObject({
    availableCount: 1,
    minPrice: "22.00",
  });
  const created = (await h.published("ticket.created")).filter((e) => (e.data as { id: string }).id === draft.id);
  expect(created.map((e) => e.data)).toEqual([expect.objectContaining({ price: 2200, version: 1 })]);
  const updated = (await h.published("ticket.updated")).filter((e) => (e.data as { id: string }).id === draft.id);
  expect(updated).toEqual([]);
});

test("a draft withdrawn before its ticket is attached is never announced", async () => {
  const draft = await listTicket(h, seller, {}, { attach: false });
  await request(h.url).delete(`/api/tickets/${draft.id}`).set("Cookie", cookieOf(seller)).expect(200);
  const announced = [...(await h.published("ticket.created")), ...(await h.published("ticket.updated"))];
  expect(announced.map((e) => (e.data as { id: string }).id)).not.toContain(draft.id);
});
