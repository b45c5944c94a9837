import request from "supertest";
import { addEvent, type Harness, listTicket, newUser, startEvent, startTickets } from "../helpers";

let h: Harness;
const seller = newUser();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startTickets();
  const shows = {
    derby: { name: "Ajax vs Feyenoord", venue: "Johan Cruijff ArenA", city: "Amsterdam", startsAt: inDays(10) },
    beyonce: { name: "Beyoncé", venue: "Stade de France", city: "Saint-Denis", startsAt: inDays(20) },
    paradiso: { name: "Fontaines D.C.", venue: "Paradiso", city: "Amsterdam", startsAt: inDays(5) },
    zurich: { name: "Zürich Jazz Night", venue: "Moods", city: "Zürich", startsAt: inDays(30) },
    past: { name: "Ajax vs PSV", venue: "Johan Cruijff ArenA", city: "Amsterdam", startsAt: inDays(2) },
  };
  for (const [key, show] of Object.entries(shows)) ids[key] = (await addEvent(h, seller, show)).id;
  await listTicket(h, seller, { event: undefined, eventId: ids.derby, price: "80.00" });
  await listTicket(h, seller, { event: undefined, eventId: ids.derby, price: "45.00" });
  await listTicket(h, seller, { event: undefined, eventId: ids.paradiso, price: "30.00" });
  await listTicket(h, seller, { event: undefined, eventId: ids.past, price: "20.00" });
  await startEvent(h, ids.past as string);
});
afterAll(() => h.stop());

const search = async (query: Record<string, string>) => {
  const res = await request(h.url).get("/api/events").query(query).expect(200);
  return res.body as {
    events: { id: string; name: string; minPrice: string | null; availableCount: number }[];
    total: number;
  };
};
const names = async (query: Record<string, string>) => (await search(query)).events.map((e) => e.name);

test("every word matches somewhere, in any order: 'feyenoord ajax' finds Ajax vs Feyenoord", async () => {
  expect(await names({ q: "ajax feyenoord" })).toEqual(["Ajax vs Feyenoord"]);
  expect(await names({ q: "Feyenoord AJAX" })).toEqual(["Ajax vs Feyenoord"]);
  // Words may come from name, venue and city together.
  expect(await names({ q: "feyenoord amsterdam arena" })).toEqual(["Ajax vs Feyenoord"]);
  expect(await names({ q: "ajax utrecht" })).toEqual([]);
});

test("accents and case are ignored both ways: 'beyonce' finds Beyoncé, 'zürich' and 'zurich' find Zürich", async () => {
  expect(await names({ q: "beyonce" })).toEqual(["Beyoncé"]);
  expect(await names({ q: "BEYONCÉ" })).toEqual(["Beyoncé"]);
  expect(await names({ q: "zurich jazz" })).toEqual(["Zürich Jazz Night"]);
});

test("words match by prefix: 'paradi' finds the show at Paradiso, 'feye' the derby", async () => {
  expect(await names({ q: "paradi" })).toEqual(["Fontaines D.C."]);
  expect(await names({ q: "feye" })).toEqual(["Ajax vs Feyenoord"]);
});

test("what a user types is never query syntax", async () => {
  expect(await names({ q: "ajax & | ! :* ( '" })).toEqual(["Ajax vs Feyenoord"]);
  expect(await names({ q: "!!!" })).toHaveLength(4);
});

test("past events never appear, not even by name", async () => {
  expect(await names({ q: "psv" })).toEqual([]);
  expect(await names({})).not.toContain("Ajax vs PSV");
});

test("without words, upcoming events by date; with available=true only those with tickets, with count and lowest price", async () => {
  expect(await names({})).toEqual(["Fontaines D.C.", "Ajax vs Feyenoord", "Beyoncé", "Zürich Jazz Night"]);
  const available = await search({ available: "true" });
  expect(available.events.map((e) => [e.name, e.availableCount, e.minPrice])).toEqual([
    ["Fontaines D.C.", 1, "30.00"],
    ["Ajax vs Feyenoord", 2, "45.00"],
  ]);
  expect(available.total).toBe(2);
});

test("filters by city (accents ignored), date range and price range", async () => {
  expect(await names({ city: "amsterdam" })).toEqual(["Fontaines D.C.", "Ajax vs Feyenoord"]);
  expect(await names({ city: "zurich" })).toEqual(["Zürich Jazz Night"]);
  expect(await names({ from: inDays(7).slice(0, 10), to: inDays(25).slice(0, 10) })).toEqual([
    "Ajax vs Feyenoord",
    "Beyoncé",
  ]);
  expect(await names({ minPrice: "40", maxPrice: "50" })).toEqual(["Ajax vs Feyenoord"]);
  expect(await names({ maxPrice: "30.00" })).toEqual(["Fontaines D.C."]);
});

test("ranks by relevance, then date", async () => {
  // "amsterdam" matches both Amsterdam shows equally: the earlier first.
  expect(await names({ q: "amsterdam" })).toEqual(["Fontaines D.C.", "Ajax vs Feyenoord"]);
  expect(await names({ q: "ajax", sort: "date" })).toEqual(["Ajax vs Feyenoord"]);
});

test("answers 400 naming the parameter for bad filters", async () => {
  for (const [field, value] of [
    ["from", "tomorrow"],
    ["minPrice", "-1"],
    ["sort", "random"],
    ["limit", "500"],
  ]) {
    const res = await request(h.url)
      .get("/api/events")
      .query({ [field as string]: value })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
  }
});

test("relevance: events where every word is a whole word come before prefix-only matches, whatever their dates", async () => {
  // "jazz" is a whole word of "Zürich Jazz Night" (in 30 days) and only a prefix of "Jazzfest" (tomorrow).
  await addEvent(h, seller, { name: "Jazzfest Warm-up", venue: "Bimhuis", city: "Amsterdam", startsAt: inDays(1) });
  expect(await names({ q: "jazz" })).toEqual(["Zürich Jazz Night", "Jazzfest Warm-up"]);
  expect(await names({ q: "jazz", sort: "date" })).toEqual(["Jazzfest Warm-up", "Zürich Jazz Night"]);
  // Pages cut the same order: one per page.
  expect(await names({ q: "jazz", limit: "1", page: "2" })).toEqual(["Jazzfest Warm-up"]);
});
