import { SESSION_COOKIE, verifySessionToken } from "@m-ticketing/common";
import { TEST_JWT_KEY } from "@m-ticketing/common/testing";
import request from "supertest";
import { loadConfig } from "../../src/config";
import { cookieFrom, type RunningAuth, signUpUser, startAuth, uniqueEmail } from "../helpers/auth-service";

let auth: RunningAuth;
const adminEmail = uniqueEmail("admin");

beforeAll(async () => {
  auth = await startAuth({ ADMIN_EMAILS: ` ${adminEmail.toUpperCase()} , other-admin@example.test` });
});
afterAll(() => auth.stop());

const tokenOf = (cookie: string) => verifySessionToken(cookie.slice(`${SESSION_COOKIE}=`.length), TEST_JWT_KEY);

test("an ADMIN_EMAILS address is an administrator only once verified; the session token then says so", async () => {
  const { cookie, user } = await signUpUser(auth.url, { email: adminEmail });
  // Anyone can sign up with any address: unverified, it gives nothing.
  expect(tokenOf(cookie)?.admin).toBeUndefined();
  let res = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie).expect(200);
  expect(res.body.currentUser.admin).toBeUndefined();

  await auth.query("update users set email_verified = true where id = $1", [user.id]);
  res = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie).expect(200);
  expect(res.body.currentUser.admin).toBe(true);
  const reissued = cookieFrom(res);
  expect(reissued && tokenOf(reissued)?.admin).toBe(true);
});

test("nobody else is an administrator", async () => {
  const { cookie, user } = await signUpUser(auth.url);
  await auth.query("update users set email_verified = true where id = $1", [user.id]);
  const res = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie).expect(200);
  expect(res.body.currentUser.admin).toBeUndefined();
  // Re-issued for the verified flag, still without the admin claim.
  const reissued = cookieFrom(res);
  expect(reissued && tokenOf(reissued)?.emailVerified).toBe(true);
  expect(reissued && tokenOf(reissued)?.admin).toBeUndefined();
});

test("ADMIN_EMAILS must list e-mail addresses", () => {
  const base = {
    PORT: "3001",
    DATABASE_URL: "postgres://x@127.0.0.1/x",
    JWT_KEY: "a-development-key-for-auth-config-tests",
  };
  expect(() => loadConfig({ ...base, ADMIN_EMAILS: "not-an-address" })).toThrow(/ADMIN_EMAILS/);
  expect([...loadConfig({ ...base, ADMIN_EMAILS: "A@Example.test," }).adminEmails]).toEqual(["a@example.test"]);
});
