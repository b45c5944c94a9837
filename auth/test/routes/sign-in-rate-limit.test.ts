import request from "supertest";
import { type RunningAuth, signUpUser, startAuth, uniqueEmail, uniqueIp } from "../helpers/auth-service";

// Small limits so the test stays quick; the defaults (10 per account and address, 100 per
// address in 15 min, account attempts spaced up to 30 s apart) behave alike.
let auth: RunningAuth;

beforeAll(async () => {
  auth = await startAuth({
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: "3",
    SIGNIN_MAX_FAILURES_PER_IP: "5",
    SIGNIN_FAILURE_WINDOW: "15m",
    SIGNIN_MAX_ACCOUNT_DELAY_SECONDS: "30",
  });
});

afterAll(async () => {
  await auth.stop();
});

const signIn = (ip: string, email: string, password: string) =>
  request(auth.url).post("/api/users/signin").set("X-Forwarded-For", ip).send({ email, password });

/** Lets the account's spacing delay pass, as the clock would (the limit reads the database's now()). */
const waitOutAccountDelay = (email: string) =>
  auth.query("update sign_in_failures set window_started_at = now() - interval '31 seconds' where key = $1", [email]);

test("issue 12, finding 6: parallel guesses are counted before checking, so at most the limit are checked", async () => {
  const { email } = await signUpUser(auth.url);
  const ip = uniqueIp();
  const answers = await Promise.all(Array.from({ length: 40 }, () => signIn(ip, email, "wrong password")));
  const statuses = answers.map((r) => r.status);
  expect(statuses.filter((s) => s === 400)).toHaveLength(3);
  expect(statuses.filter((s) => s === 429)).toHaveLength(37);
});

test("the guessing address is refused for the window, even with the right password", async () => {
  const { email, password } = await signUpUser(auth.url);
  const ip = uniqueIp();
  for (let i = 0; i < 3; i++) await signIn(ip, email, "wrong password").expect(400);
  await waitOutAccountDelay(email);
  const refused = await signIn(ip, email, password).expect(429);
  expect(refused.body.errors[0].message).toMatch(/too many/i);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(30);
  expect(refused.headers["set-cookie"]).toBeUndefined();
});

test("issue 12, finding 6: the owner is never locked out: failures from elsewhere only space attempts out", async () => {
  const { email, password } = await signUpUser(auth.url);
  for (let i = 0; i < 3; i++) await signIn(uniqueIp(), email, "wrong password").expect(400);
  // Right after the failures the account waits a little, never the whole window.
  const spaced = await signIn(uniqueIp(), email, password).expect(429);
  expect(Number(spaced.headers["retry-after"])).toBeLessThanOrEqual(30);
  // Attackers from ever new addresses keep it at 30 s at most …
  for (let i = 0; i < 8; i++) {
    await waitOutAccountDelay(email);
    await signIn(uniqueIp(), email, "wrong password").expect(400);
  }
  const stillSpaced = await signIn(uniqueIp(), email, password).expect(429);
  expect(Number(stillSpaced.headers["retry-after"])).toBeLessThanOrEqual(30);
  // … and once that has passed, the owner signs in.
  await waitOutAccountDelay(email);
  await signIn(uniqueIp(), email, password).expect(200);
});

test("an unknown email is limited exactly like a real one (no hint which exists)", async () => {
  const email = uniqueEmail("ghost");
  const ip = uniqueIp();
  for (let i = 0; i < 3; i++) await signIn(ip, email, "guess").expect(400);
  const res = await signIn(ip, email, "guess").expect(429);
  expect(res.headers["retry-after"]).toBeDefined();
});

test("limits one address guessing across many accounts", async () => {
  const ip = uniqueIp();
  for (let i = 0; i < 5; i++) await signIn(ip, uniqueEmail("spray"), "guess").expect(400);
  const { email, password } = await signUpUser(auth.url);
  await signIn(ip, email, password).expect(429);
  // Other addresses are unaffected.
  await signIn(uniqueIp(), email, password).expect(200);
});

test("a successful sign-in forgives the account's earlier typos and gives the address its attempt back", async () => {
  const { email, password } = await signUpUser(auth.url);
  const ip = uniqueIp();
  for (let i = 0; i < 2; i++) await signIn(ip, email, "typo").expect(400);
  await signIn(ip, email, password).expect(200);
  for (let i = 0; i < 2; i++) await signIn(ip, email, "typo again").expect(400);
  await signIn(ip, email, password).expect(200);
  const [counter] = await auth.query<{ failures: number }>(
    "select failures from sign_in_failures where kind = 'ip' and key = $1",
    [ip],
  );
  expect(counter?.failures).toBe(4);
});

test("a window that has passed starts counting afresh", async () => {
  const { email, password } = await signUpUser(auth.url);
  const ip = uniqueIp();
  for (let i = 0; i < 3; i++) await signIn(ip, email, "wrong").expect(400);
  await signIn(ip, email, password).expect(429);
  await auth.query(
    "update sign_in_failures set window_started_at = now() - interval '16 minutes' where key like $1 || '%'",
    [email],
  );
  await signIn(ip, email, password).expect(200);
});
