import { randomUUID } from "node:crypto";
import { sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import { type PaymentsTest, startPayments } from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments();
});
afterAll(() => f.stop());

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const put = (cookie: string, body: unknown) =>
  request(f.url)
    .put("/api/payments/payout-account")
    .set("Cookie", cookie)
    .send(body as object);

test("a seller sets where to be paid, reads it back, and the change is announced", async () => {
  const id = randomUUID();
  const cookie = sessionCookie({ id, signedInAt: minutesAgo(30) });
  expect((await request(f.url).get("/api/payments/payout-account").set("Cookie", cookie).expect(200)).body).toEqual({
    payoutAccount: null,
  });
  // The first account needs no fresh sign-in: nothing can be redirected yet.
  const res = await put(cookie, { paypalEmail: "  Seller@Example.TEST " }).expect(200);
  expect(res.body.payoutAccount).toEqual({ paypalEmail: "seller@example.test", updatedAt: expect.any(String) });
  const got = await request(f.url).get("/api/payments/payout-account").set("Cookie", cookie).expect(200);
  expect(got.body.payoutAccount.paypalEmail).toBe("seller@example.test");
  const events = (await f.published("payment.payout-account-changed")).filter((e) => e.data.userId === id);
  expect(events.map((e) => e.data)).toEqual([
    { userId: id, paypalEmail: "seller@example.test", previousPaypalEmail: null, changedAt: expect.any(String) },
  ]);
});

test("an unverified address cannot be paid: 403 naming the reason, nothing stored", async () => {
  const id = randomUUID();
  const res = await put(sessionCookie({ id, emailVerified: false }), { paypalEmail: "new@example.test" }).expect(403);
  expect(res.body.errors[0].message).toMatch(/Verify your email address/);
  const got = await request(f.url).get("/api/payments/payout-account").set("Cookie", sessionCookie({ id })).expect(200);
  expect(got.body.payoutAccount).toBeNull();
});

test("changing it needs a sign-in younger than 15 minutes (403 otherwise, nothing changed)", async () => {
  const id = randomUUID();
  await put(sessionCookie({ id }), { paypalEmail: "first@example.test" }).expect(200);
  const old = await put(sessionCookie({ id, signedInAt: minutesAgo(16) }), {
    paypalEmail: "thief@example.test",
  }).expect(403);
  expect(old.body.errors[0].message).toMatch(/sign in again/);
  const shown = await request(f.url)
    .get("/api/payments/payout-account")
    .set("Cookie", sessionCookie({ id }))
    .expect(200);
  expect(shown.body.payoutAccount.paypalEmail).toBe("first@example.test");

  await put(sessionCookie({ id, signedInAt: minutesAgo(14) }), { paypalEmail: "second@example.test" }).expect(200);
  const events = (await f.published("payment.payout-account-changed")).filter((e) => e.data.userId === id);
  expect(events.map((e) => [e.data.previousPaypalEmail, e.data.paypalEmail])).toEqual([
    [null, "first@example.test"],
    ["first@example.test", "second@example.test"],
  ]);
});

test.each([
  [{}],
  [{ paypalEmail: "not-an-address" }],
  [{ paypalEmail: 42 }],
  [{ paypalEmail: `${"a".repeat(120)}@example.io` }],
])("answers 400 naming paypalEmail for %j", async (body) => {
  const res = await put(sessionCookie({ id: randomUUID() }), body).expect(400);
  expect(res.body.errors).toEqual([expect.objectContaining({ field: "paypalEmail" })]);
});

test("needs a signed-in user", async () => {
  await request(f.url).get("/api/payments/payout-account").expect(401);
  await request(f.url).put("/api/payments/payout-account").send({ paypalEmail: "a@b.test" }).expect(401);
});
