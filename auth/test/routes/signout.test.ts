// Issue 12 finding 3: after POST /api/users/signout the old token still worked everywhere
// for 7 days. Sign-out now revokes that session (its `sid`) on every service, and
// "sign out of all devices" ends every session of the user.
import { SESSION_COOKIE, signSessionToken, verifySessionToken } from "@m-ticketing/common";
import { eventually } from "@m-ticketing/common/testing";
import request from "supertest";
import { cookieFrom, type RunningAuth, signUpUser, startAuth } from "../helpers/auth-service";
import { startPeer } from "../helpers/peer-service";

let auth: RunningAuth;
let peer: Awaited<ReturnType<typeof startPeer>>;

beforeAll(async () => {
  auth = await startAuth();
  peer = await startPeer(auth);
});
afterAll(async () => {
  await peer.stop();
  await auth.stop();
});

const me = async (cookie: string) =>
  (await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie)).body.currentUser;
const peerStatus = async (cookie: string) =>
  (await request(peer.url).get("/api/peer/whoami").set("Cookie", cookie)).status;

async function signInAgain(email: string, password: string) {
  const res = await request(auth.url).post("/api/users/signin").send({ email, password }).expect(200);
  return cookieFrom(res)!;
}

test("a token kept after sign-out is refused by auth at once and by every other service shortly after", async () => {
  const { cookie, email, password } = await signUpUser(auth.url);
  const otherDevice = await signInAgain(email, password);
  await eventually(async () => (await peerStatus(cookie)) === 200);

  const res = await request(auth.url).post("/api/users/signout").set("Cookie", cookie).expect(200);
  expect(String(res.headers["set-cookie"])).toMatch(/^session=;/);

  // The attacker who copied the cookie before sign-out replays it.
  expect(await me(cookie)).toBeNull();
  await eventually(async () => (await peerStatus(cookie)) === 401);
  // Only that session ended: the same user's other device stays signed in.
  expect((await me(otherDevice))?.email).toBe(email);
  expect(await peerStatus(otherDevice)).toBe(200);
});

test("sign out of all devices ends every session of the user everywhere; signing in again works", async () => {
  const { cookie, email, password } = await signUpUser(auth.url);
  const otherDevice = await signInAgain(email, password);
  await request(auth.url).post("/api/users/signout-all").set("Cookie", cookie).expect(200);
  for (const old of [cookie, otherDevice]) {
    expect(await me(old)).toBeNull();
    await eventually(async () => (await peerStatus(old)) === 401);
  }
  const fresh = await signInAgain(email, password);
  expect((await me(fresh))?.email).toBe(email);
  await eventually(async () => (await peerStatus(fresh)) === 200);
});

test("sign out of all devices needs a session", async () => {
  const res = await request(auth.url).post("/api/users/signout-all").expect(401);
  expect(res.body).toEqual({ errors: [{ message: "Not signed in" }] });
});

test("signing out without a session, or twice, answers 200 and changes nothing", async () => {
  await request(auth.url).post("/api/users/signout").expect(200);
  const { cookie, user } = await signUpUser(auth.url);
  await request(auth.url).post("/api/users/signout").set("Cookie", cookie).expect(200);
  await request(auth.url).post("/api/users/signout").set("Cookie", cookie).expect(200);
  const count = async (table: string) =>
    (
      await auth.query<{ n: number }>(
        `select count(*)::int as n from ${table} where ${table === "outbox" ? "payload->'data'->>'userId'" : "user_id::text"} = $1`,
        [user.id],
      )
    )[0]!.n;
  expect(await count("revoked_sessions")).toBe(1);
  expect(await count("outbox")).toBe(1);
});

test("a cookie re-issued in the session (a new name) stays in it: signing out ends the older cookie too", async () => {
  const { cookie } = await signUpUser(auth.url);
  const renamed = await request(auth.url)
    .patch("/api/users/me")
    .set("Cookie", cookie)
    .send({ name: "New Name" })
    .expect(200);
  const reissued = cookieFrom(renamed)!;
  expect(reissued).toBeDefined();
  expect((await me(reissued))?.name).toBe("New Name");

  await request(auth.url).post("/api/users/signout").set("Cookie", reissued).expect(200);
  // The cookie from before the rename belongs to the same session: it is signed out as well.
  expect(await me(cookie)).toBeNull();
  await eventually(async () => (await peerStatus(cookie)) === 401);
});

test("a re-issue keeps when the user last proved who they are; entering the password renews it", async () => {
  const { cookie, password } = await signUpUser(auth.url);
  const key = auth.config.JWT_KEY;
  const session = (c: string) => verifySessionToken(c.slice(c.indexOf("=") + 1), key)!;
  // The same session as if signed in half an hour ago (payments wants one under 15 minutes
  // before a payout address changes: a new name must not pass for a fresh sign-in).
  const halfHourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 30 * 60_000);
  const old = `${SESSION_COOKIE}=${signSessionToken({ ...session(cookie), signedInAt: halfHourAgo }, key, 3600)}`;

  const renamed = await request(auth.url)
    .patch("/api/users/me")
    .set("Cookie", old)
    .send({ name: "Renamed" })
    .expect(200);
  const reissued = cookieFrom(renamed)!;
  expect(session(reissued).signedInAt).toEqual(halfHourAgo);
  expect(session(reissued).sessionId).toBe(session(old).sessionId);

  const changed = await request(auth.url)
    .post("/api/users/change-password")
    .set("Cookie", reissued)
    .send({
      currentPassword: password,
      newPassword: "a quite new passphrase 7",
      newPasswordConfirm: "a quite new passphrase 7",
    })
    .expect(200);
  const renewed = session(cookieFrom(changed)!);
  expect(renewed.signedInAt!.getTime()).toBeGreaterThan(halfHourAgo.getTime() + 29 * 60_000);
});
