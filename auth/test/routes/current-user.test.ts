import { sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import { type RunningAuth, signUpUser, startAuth } from "../helpers/auth-service";

let auth: RunningAuth;

beforeAll(async () => {
  auth = await startAuth();
});

afterAll(async () => {
  await auth.stop();
});

test("answers null when nobody is signed in", async () => {
  const res = await request(auth.url).get("/api/users/currentuser").expect(200);
  expect(res.body).toEqual({ currentUser: null });
});

test("answers the signed-in user's full profile, without secrets", async () => {
  const { cookie, user } = await signUpUser(auth.url, { name: "Grace Hopper" });
  const res = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie).expect(200);
  expect(res.body).toEqual({
    currentUser: {
      id: user.id,
      name: "Grace Hopper",
      email: user.email,
      emailVerified: false,
      photoUrl: null,
      jobTitle: null,
      phone: null,
      createdAt: user.createdAt,
    },
  });
});

test("answers null for a forged session cookie", async () => {
  const forged = sessionCookie({ id: "6f1c2f1e-8d1b-4f7e-9a65-3f0c6f8d2b11" }, 0, "another-key-of-sufficient-length");
  const res = await request(auth.url).get("/api/users/currentuser").set("Cookie", forged).expect(200);
  expect(res.body).toEqual({ currentUser: null });
});

test("answers null for a validly signed token of a user auth does not know", async () => {
  const cookie = sessionCookie({ id: "6f1c2f1e-8d1b-4f7e-9a65-3f0c6f8d2b11" });
  const res = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie).expect(200);
  expect(res.body).toEqual({ currentUser: null });
  // Protected routes agree: that token signs nobody in.
  await request(auth.url).patch("/api/users/me").set("Cookie", cookie).send({ jobTitle: "x" }).expect(401);
});

test("answers null, not 500, for a signed token whose subject is not a user id", async () => {
  const cookie = sessionCookie({ id: "not-a-uuid" });
  const res = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie).expect(200);
  expect(res.body).toEqual({ currentUser: null });
});

test("reports readiness once the database and NATS answer", async () => {
  await request(auth.url).get("/healthz").expect(200);
  const res = await request(auth.url).get("/readyz").expect(200);
  expect(res.body).toEqual({ status: "ok", failed: [], deadLetters: 0 });
});
