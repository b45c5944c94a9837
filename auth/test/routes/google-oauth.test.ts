import { SESSION_COOKIE } from "@m-ticketing/common";
import request from "supertest";
import { FakeGoogle, type GoogleAccount } from "../fakes/fake-google";
import { cookieFrom, type RunningAuth, signUpUser, startAuth, uniqueEmail } from "../helpers/auth-service";

const PUBLIC_URL = "http://localhost:8080";
let google: FakeGoogle;
let auth: RunningAuth;

beforeAll(async () => {
  google = new FakeGoogle(
    "test-client.apps.googleusercontent.com",
    "test-google-secret",
    `${PUBLIC_URL}/api/users/oauth/google/callback`,
  );
  await google.start();
  auth = await startAuth({ PUBLIC_URL, ...google.env });
});

afterAll(async () => {
  await auth.stop();
  await google.stop();
});

beforeEach(() => {
  google.deny = false;
  google.tamper = {};
});

let subs = 0;
const googleAccount = (overrides: Partial<GoogleAccount> = {}): GoogleAccount => ({
  sub: `1098765432${Date.now()}${subs++}`,
  email: uniqueEmail("gmail"),
  email_verified: true,
  name: "Katherine Johnson",
  ...overrides,
});

/** Starts sign-in at auth: the consent page URL and the state cookie the browser now holds. */
async function start() {
  const res = await request(auth.url).get("/api/users/oauth/google").expect(302);
  return { consent: new URL(res.headers.location as string), stateCookie: cookieFrom(res, "google_oauth"), res };
}

/** The browser on Google's consent page: where Google sends it back. */
async function consent(consentUrl: URL): Promise<URL> {
  const res = await request(google.url)
    .get(consentUrl.pathname + consentUrl.search)
    .expect(302);
  return new URL(res.headers.location as string);
}

/** The browser arriving back at auth's callback (through the gateway, PUBLIC_URL). */
function callback(back: URL, stateCookie: string | undefined) {
  const req = request(auth.url).get(back.pathname + back.search);
  return stateCookie ? req.set("Cookie", stateCookie) : req;
}

/** The whole round trip as a browser makes it. */
async function signInWithGoogle(account: GoogleAccount) {
  google.account = account;
  const { consent: consentUrl, stateCookie } = await start();
  return callback(await consent(consentUrl), stateCookie);
}

const expectFailure = (res: request.Response, reason: string) => {
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`/auth/signin?error=${reason}`);
  expect(cookieFrom(res)).toBeUndefined();
};

test("sends the browser to Google's consent page with state, nonce and a PKCE S256 challenge", async () => {
  const { consent: url, stateCookie, res } = await start();
  expect(`${url.origin}${url.pathname}`).toBe(`${google.url}/o/oauth2/v2/auth`);
  const q = url.searchParams;
  expect(q.get("client_id")).toBe(google.clientId);
  expect(q.get("redirect_uri")).toBe(`${PUBLIC_URL}/api/users/oauth/google/callback`);
  expect(q.get("response_type")).toBe("code");
  expect(q.get("scope")?.split(" ").sort()).toEqual(["email", "openid", "profile"]);
  expect(q.get("code_challenge_method")).toBe("S256");
  expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(q.get("state")?.length).toBeGreaterThanOrEqual(32);
  expect(q.get("nonce")?.length).toBeGreaterThanOrEqual(32);
  // The verifier stays with the browser, signed, short-lived and out of scripts' reach.
  expect(stateCookie).toBeDefined();
  const header = String(res.headers["set-cookie"]);
  expect(header).toMatch(/Path=\/api\/users\/oauth\/google/);
  expect(header).toMatch(/HttpOnly/);
  expect(header).toMatch(/SameSite=Lax/);
  expect(header).toMatch(/Max-Age=600/);
});

test("signs a new Google user in: 303 to / with a session, linked by Google's subject id", async () => {
  const account = googleAccount({ name: "Katherine Johnson" });
  const res = await signInWithGoogle(account);
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe("/");
  const session = cookieFrom(res);
  expect(session).toBeDefined();
  // The one-time state cookie is cleared.
  expect(String(res.headers["set-cookie"])).toMatch(/google_oauth=;/);

  const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", session!).expect(200);
  expect(me.body.currentUser).toMatchObject({ name: "Katherine Johnson", email: account.email, photoUrl: null });
  const [row] = await auth.query<{ google_sub: string; email_verified: boolean; password_hash: string | null }>(
    "select google_sub, email_verified, password_hash from users where id = $1",
    [me.body.currentUser.id],
  );
  expect(row).toEqual({ google_sub: account.sub, email_verified: true, password_hash: null });
  // The code exchange carried the PKCE verifier matching the challenge (the fake checks it).
  expect(google.tokenRequests.at(-1)?.code_verifier).toMatch(/^[A-Za-z0-9~_.-]{43,128}$/);

  // Next time, the same Google account is the same user, even if its email changed at Google.
  const again = await signInWithGoogle({ ...account, email: uniqueEmail("renamed") });
  const me2 = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookieFrom(again)!).expect(200);
  expect(me2.body.currentUser.id).toBe(me.body.currentUser.id);
});

test("a Google-only account has no password to sign in or to change with", async () => {
  const account = googleAccount();
  const session = cookieFrom(await signInWithGoogle(account))!;
  await request(auth.url)
    .post("/api/users/signin")
    .send({ email: account.email, password: "anything at all" })
    .expect(400);
  const res = await request(auth.url)
    .post("/api/users/change-password")
    .set("Cookie", session)
    .send({ currentPassword: "x", newPassword: "a new passphrase", newPasswordConfirm: "a new passphrase" })
    .expect(400);
  expect(res.body.errors[0].field).toBe("currentPassword");
});

describe("POST /api/users/requestOauth-google (seed-compatible alias of GET /api/users/oauth/google)", () => {
  const requestConsent = async () => {
    const res = await request(auth.url).post("/api/users/requestOauth-google").expect(200);
    return { consent: new URL(res.body.url), stateCookie: cookieFrom(res, "google_oauth"), res };
  };

  test("answers 200 {url}: the consent page ours redirects to, and the same state/PKCE cookie", async () => {
    const ours = await start();
    const alias = await requestConsent();
    expect(`${alias.consent.origin}${alias.consent.pathname}`).toBe(`${ours.consent.origin}${ours.consent.pathname}`);
    const keys = (u: URL) => [...u.searchParams.keys()].sort();
    expect(keys(alias.consent)).toEqual(keys(ours.consent));
    expect(alias.consent.searchParams.get("code_challenge_method")).toBe("S256");
    // Same cookie attributes (the value is per sign-in, Expires per second).
    const attributes = (res: request.Response) =>
      String(res.headers["set-cookie"])
        .split("; ")
        .slice(1)
        .filter((a) => !a.startsWith("Expires="))
        .sort();
    expect(attributes(alias.res)).toEqual(attributes(ours.res));
    expect(alias.stateCookie).toBeDefined();
  });

  test("the URL it answers completes sign-in through the usual callback", async () => {
    google.account = googleAccount({ name: "Grace Hopper" });
    const { consent: consentUrl, stateCookie } = await requestConsent();
    const res = await callback(await consent(consentUrl), stateCookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/");
    const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookieFrom(res)!).expect(200);
    expect(me.body.currentUser).toMatchObject({ name: "Grace Hopper" });
  });
});

test("rejects a callback whose state does not match the browser's cookie", async () => {
  google.account = googleAccount();
  const { consent: consentUrl, stateCookie } = await start();
  const back = await consent(consentUrl);
  back.searchParams.set("state", "forged-state-from-an-attacker-page");
  expectFailure(await callback(back, stateCookie), "google_state");
});

test("rejects a callback without the state cookie (login CSRF) or with a tampered one", async () => {
  google.account = googleAccount();
  const { consent: consentUrl, stateCookie } = await start();
  const back = await consent(consentUrl);
  expectFailure(await callback(back, undefined), "google_state");
  const [name, value] = stateCookie!.split("=") as [string, string];
  const tampered = `${name}=${value.slice(0, -4)}AAAA`;
  expectFailure(await callback(back, tampered), "google_state");
});

test("a code and its state cookie work once", async () => {
  google.account = googleAccount();
  const { consent: consentUrl, stateCookie } = await start();
  const back = await consent(consentUrl);
  expect((await callback(back, stateCookie)).headers.location).toBe("/");
  expectFailure(await callback(back, stateCookie), "google_unavailable");
});

test("reports a cancelled consent", async () => {
  google.deny = true;
  const { consent: consentUrl, stateCookie } = await start();
  expectFailure(await callback(await consent(consentUrl), stateCookie), "google_cancelled");
});

test.each([
  ["issued for another app (wrong audience)", { aud: "someone-elses-client.apps.googleusercontent.com" }],
  ["signed with a key Google never published", { foreignKey: true }],
  ["from another issuer", { iss: "https://evil.example" }],
  ["expired", { expiresInSeconds: -600 }],
  ["for another sign-in (nonce mismatch)", { nonce: "a-replayed-token-nonce" }],
])("rejects an ID token %s, creating nobody", async (_case, tamper) => {
  google.tamper = tamper;
  const account = googleAccount();
  expectFailure(await signInWithGoogle(account), "google_token");
  expect(await auth.query("select 1 from users where email = $1", [account.email])).toHaveLength(0);
});

test("refuses a Google account whose email Google has not verified", async () => {
  const account = googleAccount({ email_verified: false });
  expectFailure(await signInWithGoogle(account), "google_email_unverified");
  expect(await auth.query("select 1 from users where email = $1", [account.email])).toHaveLength(0);
});

test("takeover fix: a password account registered first with the victim's email is handed to the verified Google owner", async () => {
  const victimEmail = uniqueEmail("victim");
  // The attacker registers the victim's address first and stays signed in.
  const attacker = await signUpUser(auth.url, { email: victimEmail, password: "attacker's password" });

  const res = await signInWithGoogle(googleAccount({ email: victimEmail.toUpperCase(), name: "Real Owner" }));
  expect(res.headers.location).toBe("/");
  const victimSession = cookieFrom(res)!;
  const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", victimSession).expect(200);
  expect(me.body.currentUser.id).toBe(attacker.user.id);

  // The attacker's password and session no longer work.
  const signIn = await request(auth.url)
    .post("/api/users/signin")
    .send({ email: victimEmail, password: "attacker's password" })
    .expect(400);
  expect(signIn.body).toEqual({ errors: [{ message: "Invalid credentials" }] });
  const attackerView = await request(auth.url).get("/api/users/currentuser").set("Cookie", attacker.cookie);
  expect(attackerView.body.currentUser).toBeNull();
  // ...in every service: the revocation is on its way through the outbox.
  const events = await auth.query<{ payload: { data: unknown } }>(
    "select payload from outbox where subject = 'user.sessions-revoked' and payload->'data'->>'userId' = $1",
    [attacker.user.id],
  );
  expect(events.map((e) => e.payload.data)).toEqual([
    { userId: attacker.user.id, tokenVersion: 1, signature: expect.any(String) },
  ]);
});

test("does not hand an account linked to one Google account to another one claiming its email", async () => {
  const email = uniqueEmail("shared");
  const first = await signInWithGoogle(googleAccount({ email }));
  expect(first.headers.location).toBe("/");
  expectFailure(await signInWithGoogle(googleAccount({ email })), "google_account_conflict");
});

describe("without Google configured", () => {
  let plain: RunningAuth;
  beforeAll(async () => {
    plain = await startAuth();
  });
  afterAll(async () => {
    await plain.stop();
  });

  test("both Google routes, and the seed-compatible alias, answer 404", async () => {
    const start = await request(plain.url).get("/api/users/oauth/google").expect(404);
    await request(plain.url).get("/api/users/oauth/google/callback?code=x&state=y").expect(404);
    const alias = await request(plain.url).post("/api/users/requestOauth-google").expect(404);
    expect(alias.body).toEqual(start.body);
  });
});

test(`the ${SESSION_COOKIE} cookie Google sign-in sets is the same kind password sign-in sets`, async () => {
  const res = await signInWithGoogle(googleAccount());
  const header = (res.headers["set-cookie"] as unknown as string[]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(header).toMatch(/HttpOnly/);
  expect(header).toMatch(/SameSite=Lax/);
  expect(header).toMatch(/Path=\//);
});
