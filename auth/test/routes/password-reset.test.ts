import request from "supertest";
import { type RunningAuth, signUpUser, startAuth, uniqueEmail, uniqueIp } from "../helpers/auth-service";

let auth: RunningAuth;
beforeAll(async () => {
  auth = await startAuth({ PASSWORD_RESET_MAX_PER_IP: "5", PASSWORD_RESET_MAX_PER_ACCOUNT: "2" });
});
afterAll(() => auth.stop());

const resetEvents = (email: string) =>
  auth.query<{ payload: { data: { resetId: string; user: { email: string } } } }>(
    "select payload from outbox where subject = 'user.password-reset-requested' and payload->'data'->'user'->>'email' = $1",
    [email],
  );

const ask = (email: unknown, ip = uniqueIp()) =>
  request(auth.url).post("/api/users/password-reset").set("X-Forwarded-For", ip).send({ email });

describe("POST /api/users/password-reset", () => {
  it("answers the same for an account and for no account, and only the account gets a reset (by id, no secret)", async () => {
    const { email } = await signUpUser(auth.url);
    const known = await ask(email).expect(202);
    const unknown = await ask(uniqueEmail("nobody")).expect(202);
    expect(unknown.body).toEqual(known.body);
    const events = await resetEvents(email);
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0]!.payload.data).sort()).toEqual(["expiresAt", "resetId", "user"]);
  });

  it("mails at most PASSWORD_RESET_MAX_PER_ACCOUNT links an hour, answering the same after that", async () => {
    const { email } = await signUpUser(auth.url);
    for (let i = 0; i < 4; i++) await ask(email).expect(202);
    expect(await resetEvents(email)).toHaveLength(2);
  });

  it("limits requests per client address with 429 and Retry-After, whatever the address asked for", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) await ask(uniqueEmail(), ip).expect(202);
    const limited = await ask(uniqueEmail(), ip).expect(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("a malformed address is a 400 naming the field", async () => {
    const res = await ask("not-an-address").expect(400);
    expect(res.body.errors[0].field).toBe("email");
  });
});

describe("links that are not ours", () => {
  it("a forged reset or verification token is refused with 400 on token, and nothing changes", async () => {
    const { email, password } = await signUpUser(auth.url);
    const forged = "00000000-0000-4000-8000-000000000000.bm90LWEtc2lnbmF0dXJl";
    const reset = await request(auth.url)
      .post("/api/users/password-reset/confirm")
      .send({ token: forged, password: "something new", passwordConfirm: "something new" })
      .expect(400);
    expect(reset.body.errors[0].field).toBe("token");
    const verify = await request(auth.url).post("/api/users/verify-email").send({ token: forged }).expect(400);
    expect(verify.body.errors[0].field).toBe("token");
    await request(auth.url).post("/api/users/signin").send({ email, password }).expect(200);
  });
});
