import request from "supertest";
import { hashPassword } from "../../src/domain/passwords";
import { cookieFrom, type RunningAuth, signUpUser, startAuth, uniqueEmail, uniqueIp } from "../helpers/auth-service";

let auth: RunningAuth;

beforeAll(async () => {
  auth = await startAuth();
});

afterAll(async () => {
  await auth.stop();
});

test("signs in with the right password (email in any case), answering the user and a session cookie", async () => {
  const { email, password, user } = await signUpUser(auth.url);
  const res = await request(auth.url)
    .post("/api/users/signin")
    .set("X-Forwarded-For", uniqueIp())
    .send({ email: ` ${email.toUpperCase()} `, password })
    .expect(200);
  expect(res.body).toEqual({ user });
  const cookie = cookieFrom(res);
  expect(cookie).toBeDefined();
  const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie!).expect(200);
  expect(me.body.currentUser.id).toBe(user.id);
});

test("gives the same answer for a wrong password and an unknown email, and no cookie", async () => {
  const { email } = await signUpUser(auth.url);
  const wrongPassword = await request(auth.url)
    .post("/api/users/signin")
    .set("X-Forwarded-For", uniqueIp())
    .send({ email, password: "not the password" })
    .expect(400);
  const unknownEmail = await request(auth.url)
    .post("/api/users/signin")
    .set("X-Forwarded-For", uniqueIp())
    .send({ email: uniqueEmail("nobody"), password: "not the password" })
    .expect(400);
  expect(wrongPassword.body).toEqual({ errors: [{ message: "Invalid credentials" }] });
  expect(unknownEmail.body).toEqual(wrongPassword.body);
  expect(wrongPassword.headers["set-cookie"]).toBeUndefined();
  expect(unknownEmail.headers["set-cookie"]).toBeUndefined();
});

test.each([
  ["no email", { password: "whatever1" }, "email"],
  ["no password", { email: "a@example.test" }, "password"],
  ["an empty password", { email: "a@example.test", password: "" }, "password"],
  ["a numeric email", { email: 12, password: "whatever1" }, "email"],
])("answers 400 naming the field for %s", async (_case, body, field) => {
  const res = await request(auth.url).post("/api/users/signin").send(body).expect(400);
  expect(res.body.errors).toEqual([{ message: expect.any(String), field }]);
});

test("sign-out clears the cookie, so the browser is no longer signed in", async () => {
  const { cookie } = await signUpUser(auth.url);
  const res = await request(auth.url).post("/api/users/signout").set("Cookie", cookie).expect(200);
  expect(res.body).toEqual({});
  const cleared = String(res.headers["set-cookie"]);
  expect(cleared).toMatch(/^session=;/);
  expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  expect(cleared).toMatch(/Path=\//);
  // The browser now sends no session cookie.
  const me = await request(auth.url).get("/api/users/currentuser").expect(200);
  expect(me.body.currentUser).toBeNull();
});

test("sign-out works when nobody is signed in", async () => {
  await request(auth.url).post("/api/users/signout").expect(200);
});

test("upgrades a password hashed with an older, cheaper cost at the next successful sign-in", async () => {
  const { email, password, user } = await signUpUser(auth.url);
  await auth.query("update users set password_hash = $1 where id = $2", [await hashPassword(password, 14), user.id]);
  await request(auth.url).post("/api/users/signin").send({ email, password }).expect(200);
  const [row] = await auth.query<{ password_hash: string }>("select password_hash from users where id = $1", [user.id]);
  expect(row!.password_hash).toMatch(/^scrypt\$15\$/);
  await request(auth.url).post("/api/users/signin").send({ email, password }).expect(200);
});
