import request from "supertest";
import { type RunningAuth, signUpUser, startAuth, uniqueEmail, uniqueIp } from "../helpers/auth-service";

// Small limits so the test stays quick; the defaults (10 per account, 100 per address in 15 min) behave alike.
let auth: RunningAuth;

beforeAll(async () => {
  auth = await startAuth({
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: "3",
    SIGNIN_MAX_FAILURES_PER_IP: "5",
    SIGNIN_FAILURE_WINDOW: "15m",
  });
});

afterAll(async () => {
  await auth.stop();
});

const signIn = (ip: string, email: string, password: string) =>
  request(auth.url).post("/api/users/signin").set("X-Forwarded-For", ip).send({ email, password });

test("locks an account after repeated failures, even for the right password and from another address", async () => {
  const { email, password } = await signUpUser(auth.url);
  for (let i = 0; i < 3; i++) await signIn(uniqueIp(), email, "wrong password").expect(400);

  const locked = await signIn(uniqueIp(), email, password).expect(429);
  expect(locked.body.errors[0].message).toMatch(/too many/i);
  const retryAfter = Number(locked.headers["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(locked.headers["set-cookie"]).toBeUndefined();
});

test("an unknown email is limited exactly like a real one (no hint which exists)", async () => {
  const email = uniqueEmail("ghost");
  for (let i = 0; i < 3; i++) await signIn(uniqueIp(), email, "guess").expect(400);
  const res = await signIn(uniqueIp(), email, "guess").expect(429);
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

test("a successful sign-in forgives the account's earlier typos", async () => {
  const { email, password } = await signUpUser(auth.url);
  const ip = uniqueIp();
  for (let i = 0; i < 2; i++) await signIn(ip, email, "typo").expect(400);
  await signIn(ip, email, password).expect(200);
  for (let i = 0; i < 2; i++) await signIn(uniqueIp(), email, "typo again").expect(400);
  await signIn(uniqueIp(), email, password).expect(200);
});

test("a window that has passed starts counting afresh", async () => {
  const { email, password } = await signUpUser(auth.url);
  for (let i = 0; i < 3; i++) await signIn(uniqueIp(), email, "wrong").expect(400);
  await signIn(uniqueIp(), email, password).expect(429);
  // Age the window as the clock would (the limit reads the database's now()).
  await auth.query("update sign_in_failures set window_started_at = now() - interval '16 minutes' where key = $1", [
    email,
  ]);
  await signIn(uniqueIp(), email, password).expect(200);
});
