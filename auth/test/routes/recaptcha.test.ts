import request from "supertest";
import { FakeRecaptcha } from "../fakes/fake-recaptcha";
import { type RunningAuth, startAuth, uniqueEmail } from "../helpers/auth-service";

let recaptcha: FakeRecaptcha;
let auth: RunningAuth;

beforeAll(async () => {
  recaptcha = new FakeRecaptcha("test-recaptcha-secret");
  await recaptcha.start();
  auth = await startAuth({ RECAPTCHA_SECRET: "test-recaptcha-secret", RECAPTCHA_VERIFY_URL: recaptcha.verifyUrl });
});

afterAll(async () => {
  await auth.stop();
  await recaptcha.stop();
});

const form = (email: string, recaptchaToken?: string) => ({
  name: "Alan Turing",
  email,
  password: "correct horse battery",
  passwordConfirm: "correct horse battery",
  ...(recaptchaToken === undefined ? {} : { recaptchaToken }),
});

const accounts = async (email: string) => (await auth.query("select id from users where email = $1", [email])).length;

test("creates the account when siteverify confirms the token, sending secret, token and client address", async () => {
  const email = uniqueEmail();
  const token = recaptcha.solve();
  await request(auth.url)
    .post("/api/users/signup")
    .set("X-Forwarded-For", "198.51.100.23")
    .send(form(email, token))
    .expect(201);
  expect(recaptcha.requests.at(-1)).toEqual({
    secret: "test-recaptcha-secret",
    response: token,
    remoteip: "198.51.100.23",
  });
  expect(await accounts(email)).toBe(1);
});

test("answers 400 on recaptchaToken and creates no account when siteverify says no", async () => {
  const email = uniqueEmail();
  const res = await request(auth.url).post("/api/users/signup").send(form(email, "forged-token")).expect(400);
  expect(res.body).toEqual({ errors: [{ message: expect.stringMatching(/reCAPTCHA/), field: "recaptchaToken" }] });
  expect(res.headers["set-cookie"]).toBeUndefined();
  expect(await accounts(email)).toBe(0);
});

test("refuses a token that was already used", async () => {
  const token = recaptcha.solve();
  await request(auth.url).post("/api/users/signup").send(form(uniqueEmail(), token)).expect(201);
  const email = uniqueEmail();
  const res = await request(auth.url).post("/api/users/signup").send(form(email, token)).expect(400);
  expect(res.body.errors[0].field).toBe("recaptchaToken");
  expect(await accounts(email)).toBe(0);
});

test("answers 400 on recaptchaToken without calling siteverify when the token is missing", async () => {
  const before = recaptcha.requests.length;
  const email = uniqueEmail();
  const res = await request(auth.url).post("/api/users/signup").send(form(email)).expect(400);
  expect(res.body.errors).toEqual([{ message: "Complete the reCAPTCHA", field: "recaptchaToken" }]);
  expect(recaptcha.requests.length).toBe(before);
  expect(await accounts(email)).toBe(0);
});

test("validates the other fields first, so a good token is not spent on a form that fails", async () => {
  const before = recaptcha.requests.length;
  const token = recaptcha.solve();
  const res = await request(auth.url)
    .post("/api/users/signup")
    .send({ ...form(uniqueEmail(), token), passwordConfirm: "typo" })
    .expect(400);
  expect(res.body.errors).toEqual([{ message: "Passwords do not match", field: "passwordConfirm" }]);
  expect(recaptcha.requests.length).toBe(before);
  await request(auth.url).post("/api/users/signup").send(form(uniqueEmail(), token)).expect(201);
});

test("answers 502 and creates nothing while siteverify is unreachable", async () => {
  recaptcha.available = false;
  try {
    const email = uniqueEmail();
    const res = await request(auth.url).post("/api/users/signup").send(form(email, recaptcha.solve())).expect(502);
    expect(res.body.errors[0].message).toMatch(/reCAPTCHA/);
    expect(await accounts(email)).toBe(0);
  } finally {
    recaptcha.available = true;
  }
});
