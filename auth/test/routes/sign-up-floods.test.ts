// Issue 12, finding 6: sign-ups are limited per client, and password hashing never queues up.
import request from "supertest";
import { type RunningAuth, startAuth, uniqueEmail } from "../helpers/auth-service";

let auth: RunningAuth;

beforeAll(async () => {
  auth = await startAuth({ SIGNUP_MAX_PER_IP: "3", SIGNUP_WINDOW: "1h", PASSWORD_HASH_CONCURRENCY: "1" });
});

afterAll(async () => {
  await auth.stop();
});

const signUp = (ip: string, email = uniqueEmail("flood")) =>
  request(auth.url)
    .post("/api/users/signup")
    .set("X-Forwarded-For", ip)
    .send({ name: "Flood", email, password: "correct horse battery", passwordConfirm: "correct horse battery" });

const users = async (emails: string[]) =>
  (await auth.query("select id from users where email = any($1)", [emails])).length;

test("a client gets SIGNUP_MAX_PER_IP sign-ups per window; IPv6 clients are counted by /64", async () => {
  for (let i = 0; i < 3; i++) await signUp("198.51.100.20").expect(201);
  const email = uniqueEmail("refused");
  const refused = await signUp("198.51.100.20", email).expect(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(3500);
  expect(await users([email])).toBe(0);
  await signUp("198.51.100.21").expect(201);

  for (let i = 0; i < 3; i++) await signUp(`2001:db8:7:7::${i + 1}`).expect(201);
  await signUp("2001:db8:7:7:ffff::1").expect(429);
  await signUp("2001:db8:7:8::1").expect(201);
});

test("hashes beyond PASSWORD_HASH_CONCURRENCY are refused with 503 + Retry-After, not queued", async () => {
  const emails = Array.from({ length: 8 }, () => uniqueEmail("burst"));
  // Each from its own address, so the sign-up limit is not what answers.
  const answers = await Promise.all(emails.map((email, i) => signUp(`203.0.113.${i + 1}`, email)));
  const statuses = answers.map((r) => r.status);
  expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
  const busy = answers.filter((r) => r.status === 503);
  expect(busy.length).toBeGreaterThan(0);
  expect(busy[0]!.headers["retry-after"]).toBe("1");
  // Nothing half-written: exactly the 201s exist.
  expect(await users(emails)).toBe(statuses.filter((s) => s === 201).length);
});
