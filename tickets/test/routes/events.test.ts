import { randomUUID } from "node:crypto";
import request from "supertest";
import { addEvent, cookieOf, eventBody, type Harness, newUser, startTickets } from "../helpers";

/** Next calendar year: any date in it is in the future and less than 2 years away. */
const Y = new Date().getUTCFullYear() + 1;

let h: Harness;
const seller = newUser();

beforeAll(async () => {
  h = await startTickets({ CURRENCY: "EUR" });
});
afterAll(() => h.stop());

const post = (body: unknown, cookie = cookieOf(seller)) =>
  request(h.url)
    .post("/api/events")
    .set("Cookie", cookie)
    .send(body as object);

test("creates an event with its zone and the default currency, and shows it to anyone", async () => {
  const body = eventBody({ name: "Concert at Paradiso", venue: "Paradiso", city: "Amsterdam", country: "nl" });
  const res = await post({ ...body, timeZone: "Europe/Amsterdam" }).expect(201);
  expect(res.body).toEqual({
    created: true,
    event: {
      id: expect.any(String),
      name: "Concert at Paradiso",
      venue: "Paradiso",
      city: "Amsterdam",
      country: "NL",
      startsAt: body.startsAt,
      timeZone: "Europe/Amsterdam",
      imageUrl: null,
      currency: "EUR",
      availableCount: 0,
      minPrice: null,
      createdAt: expect.any(String),
    },
  });
  const shown = await request(h.url).get(`/api/events/${res.body.event.id}`).expect(200);
  expect(shown.body).toEqual({ event: res.body.event, alert: false });
});

test("the same show is not created twice: same name, venue and local date, whatever the case, accents or hour", async () => {
  const first = await post(
    eventBody({ name: "Beyoncé — Renaissance", venue: "Johan Cruijff ArenA", startsAt: `${Y}-05-21T18:00:00Z` }),
  ).expect(201);
  const again = await post(
    eventBody({ name: "beyonce renaissance", venue: "johan cruijff arena", startsAt: `${Y}-05-21T20:30:00+02:00` }),
    cookieOf(newUser()),
  ).expect(200);
  expect(again.body).toMatchObject({
    created: false,
    event: { id: first.body.event.id, name: "Beyoncé — Renaissance" },
  });
  // Another night of the same tour is another event.
  await post(
    eventBody({ name: "Beyoncé — Renaissance", venue: "Johan Cruijff ArenA", startsAt: `${Y}-05-22T18:00:00Z` }),
  ).expect(201);
});

test("an event priced in its own currency", async () => {
  const res = await post(eventBody({ name: "Yoasobi", currency: "JPY", timeZone: "Asia/Tokyo", country: "JP" })).expect(
    201,
  );
  expect(res.body.event.currency).toBe("JPY");
});

test.each([
  ["timeZone", "not an IANA zone", { timeZone: "Mars/Olympus" }],
  ["timeZone", "missing", { timeZone: undefined }],
  ["startsAt", "in the past", { startsAt: "2001-01-01T20:00:00Z" }],
  ["startsAt", "without an offset", { startsAt: `${Y}-01-01T20:00:00` }],
  // Issue 17 item 8: a 2099 date was accepted.
  ["startsAt", "in 2099", { startsAt: "2099-01-01T20:00:00Z" }],
  ["startsAt", "more than 2 years ahead", { startsAt: `${Y + 2}-12-31T20:00:00Z` }],
  ["country", "not a code", { country: "Netherlands" }],
  ["city", "empty", { city: " " }],
  ["name", "over 120 characters", { name: "x".repeat(121) }],
  ["currency", "not ISO 4217", { currency: "euro" }],
  ["imageUrl", "not http(s)", { imageUrl: "javascript:alert(1)" }],
])("answers 400 naming %s when it is %s", async (field, _case, override) => {
  const res = await post(eventBody(override)).expect(400);
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
});

test("answers 401 to create when nobody is signed in, 404 for an unknown or malformed id", async () => {
  await request(h.url).post("/api/events").send(eventBody()).expect(401);
  await request(h.url).get(`/api/events/${randomUUID()}`).expect(404);
  await request(h.url).get("/api/events/not-a-uuid").expect(404);
});

test("a signed-in user subscribes to an event's alerts and unsubscribes; both are idempotent", async () => {
  const event = await addEvent(h, seller, { name: "Alerted show" });
  const fan = newUser();
  const shown = () => request(h.url).get(`/api/events/${event.id}`).set("Cookie", cookieOf(fan)).expect(200);
  await request(h.url).post(`/api/events/${event.id}/alerts`).set("Cookie", cookieOf(fan)).expect(201);
  await request(h.url).post(`/api/events/${event.id}/alerts`).set("Cookie", cookieOf(fan)).expect(201);
  expect((await shown()).body.alert).toBe(true);
  await request(h.url).delete(`/api/events/${event.id}/alerts`).set("Cookie", cookieOf(fan)).expect(200);
  expect((await shown()).body.alert).toBe(false);
  await request(h.url).delete(`/api/events/${event.id}/alerts`).set("Cookie", cookieOf(fan)).expect(200);
  await request(h.url).post(`/api/events/${event.id}/alerts`).expect(401);
  await request(h.url).post(`/api/events/${randomUUID()}/alerts`).set("Cookie", cookieOf(fan)).expect(404);

  // Each change announced once (notifications sends the alerts from its replica); repeats announce nothing.
  const announced = (await h.published("event.alert-changed")).filter((e) => e.data.userId === fan.id);
  expect(announced.map((e) => e.data)).toEqual([
    { eventId: event.id, userId: fan.id, subscribed: true },
    { eventId: event.id, userId: fan.id, subscribed: false },
  ]);
});
