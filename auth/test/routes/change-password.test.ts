import { eventually } from "@m-ticketing/common/testing";
import request from "supertest";
import { cookieFrom, type RunningAuth, signUpUser, startAuth, uniqueIp } from "../helpers/auth-service";
import { startPeer } from "../helpers/peer-service";

let auth: RunningAuth;
// Another service on the same event stream, to show that a password change signs old
// sessions out everywhere, not only in auth.
let peer: Awaited<ReturnType<typeof startPeer>>;
let otherUrl: string;

beforeAll(async () => {
  auth = await startAuth();
  peer = await startPeer(auth);
  otherUrl = peer.url;
});

afterAll(async () => {
  await peer.stop();
  await auth.stop();
});

const change = (cookie: string | undefined, body: Record<string, unknown>) => {
  const req = request(auth.url).post("/api/users/change-password").set("X-Forwarded-For", uniqueIp());
  return (cookie ? req.set("Cookie", cookie) : req).send(body);
};

test("answers 401 when nobody is signed in", async () => {
  const res = await change(undefined, {
    currentPassword: "x",
    newPassword: "new password 1",
    newPasswordConfirm: "new password 1",
  }).expect(401);
  expect(res.body).toEqual({ errors: [{ message: "Not signed in" }] });
});

test.each([
  ["a missing current password", { currentPassword: undefined }, "currentPassword"],
  ["a short new password", { newPassword: "short", newPasswordConfirm: "short" }, "newPassword"],
  ["a mismatched confirmation", { newPasswordConfirm: "different password" }, "newPasswordConfirm"],
  ["a common new password (issue 17 item 7)", { newPassword: "password1" }, "newPassword"],
  ["the current password as the new one (issue 17 item 7)", { newPassword: "correct horse battery" }, "newPassword"],
])("answers 400 naming the field for %s", async (_case, overrides, field) => {
  const { cookie } = await signUpUser(auth.url);
  const body = { currentPassword: "correct horse battery", newPassword: "a new passphrase", ...overrides };
  const res = await change(cookie, { newPasswordConfirm: body.newPassword, ...body }).expect(400);
  expect(res.body.errors).toEqual([{ message: expect.any(String), field }]);
});

test("answers 400 for a wrong current password and changes nothing", async () => {
  const { cookie, email, password } = await signUpUser(auth.url);
  const res = await change(cookie, {
    currentPassword: "not my password",
    newPassword: "a new passphrase",
    newPasswordConfirm: "a new passphrase",
  }).expect(400);
  expect(res.body).toEqual({ errors: [{ message: "Current password is incorrect", field: "currentPassword" }] });
  await request(auth.url).post("/api/users/signin").send({ email, password }).expect(200);
  const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie);
  expect(me.body.currentUser).not.toBeNull();
});

test("keeps this session, signs every other session out in auth and in other services, swaps the password", async () => {
  const { cookie: thisBrowser, email, password, user } = await signUpUser(auth.url);
  const signIn = await request(auth.url).post("/api/users/signin").send({ email, password }).expect(200);
  const otherBrowser = cookieFrom(signIn)!;
  // Both sessions work in the other service before the change.
  await request(otherUrl).get("/api/peer/whoami").set("Cookie", otherBrowser).expect(200);

  const res = await change(thisBrowser, {
    currentPassword: password,
    newPassword: "a brand new passphrase",
    newPasswordConfirm: "a brand new passphrase",
  }).expect(200);
  expect(res.body.user.id).toBe(user.id);
  const renewed = cookieFrom(res);
  expect(renewed).toBeDefined();

  // This browser stays signed in with its renewed cookie; the old tokens are refused at once in auth.
  const mine = await request(auth.url).get("/api/users/currentuser").set("Cookie", renewed!);
  expect(mine.body.currentUser.id).toBe(user.id);
  for (const old of [thisBrowser, otherBrowser]) {
    const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", old);
    expect(me.body.currentUser).toBeNull();
  }
  // The other service learns it from user.sessions-revoked, shortly after.
  await eventually(
    async () => (await request(otherUrl).get("/api/peer/whoami").set("Cookie", otherBrowser)).status === 401,
  );
  await request(otherUrl).get("/api/peer/whoami").set("Cookie", renewed!).expect(200);

  // Old password out, new password in.
  await request(auth.url).post("/api/users/signin").send({ email, password }).expect(400);
  await request(auth.url).post("/api/users/signin").send({ email, password: "a brand new passphrase" }).expect(200);
});

test("publishes user.sessions-revoked through the outbox with the new token version", async () => {
  const { cookie, password, user } = await signUpUser(auth.url);
  await change(cookie, {
    currentPassword: password,
    newPassword: "another passphrase",
    newPasswordConfirm: "another passphrase",
  }).expect(200);
  const rows = await auth.query<{ subject: string; payload: { data: unknown } }>(
    "select subject, payload from outbox where payload->'data'->>'userId' = $1",
    [user.id],
  );
  expect(rows).toEqual([
    {
      subject: "user.sessions-revoked",
      payload: expect.objectContaining({
        data: { userId: user.id, tokenVersion: 1, signature: expect.stringMatching(/^[\w-]{43}$/) },
      }),
    },
  ]);
});
