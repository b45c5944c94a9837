import request from "supertest";
import { type RunningAuth, startAuth, uniqueEmail } from "../helpers/auth-service";

// Offices and test suites share one address: with the default limits, twenty sign-ups and a
// hundred successful sign-ins from that one address within a minute must all go through.
let auth: RunningAuth;

beforeAll(async () => {
  // Default rate limits. The hash cost is lowered (2^14, Node's default) because this test is about
  // the limiter letting traffic through, not about hashing speed on a shared CI machine.
  // "" = unset: the defaults, not the test helper's raised limits.
  auth = await startAuth({ PASSWORD_SCRYPT_LOG_N: "14", SIGNUP_MAX_PER_IP: "", PASSWORD_HASH_CONCURRENCY: "" });
});

afterAll(async () => {
  await auth.stop();
});

/** Runs `task` for 0..n-1, a few at a time (as a busy office would, not as a flood). */
async function inBatches(n: number, size: number, task: (i: number) => Promise<void>) {
  for (let start = 0; start < n; start += size) {
    await Promise.all(Array.from({ length: Math.min(size, n - start) }, (_, k) => task(start + k)));
  }
}

test("20 sign-ups (the hourly default) and 100 successful sign-ins from one address are not throttled", async () => {
  const office = "203.0.113.7";
  const password = "correct horse battery";
  const emails = Array.from({ length: 20 }, () => uniqueEmail("office"));

  await inBatches(20, 4, async (i) => {
    await request(auth.url)
      .post("/api/users/signup")
      .set("X-Forwarded-For", office)
      .send({ name: "Office Worker", email: emails[i], password, passwordConfirm: password })
      .expect(201);
  });
  await inBatches(100, 4, async (i) => {
    await request(auth.url)
      .post("/api/users/signin")
      .set("X-Forwarded-For", office)
      .send({ email: emails[i % 20], password })
      .expect(200);
  });
}, 120_000);
