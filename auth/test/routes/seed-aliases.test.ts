// The seed documentation's paths answer exactly as ours: each scenario runs against both twins.
// (POST /api/users/requestOauth-google is tested with Google sign-in, in google-oauth.test.ts.)
import request from "supertest";
import { cookieFrom, type RunningAuth, signUpUser, startAuth, uniqueIp } from "../helpers/auth-service";
import { dimensions, makeImage } from "../helpers/images";

let auth: RunningAuth;

beforeAll(async () => {
  auth = await startAuth();
});

afterAll(async () => {
  await auth?.stop();
});

const me = async (cookie: string) =>
  (await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie)).body.currentUser;

describe.each([
  ["/api/users/change-password", "ours"],
  ["/api/users/changePassword", "seed-compatible alias"],
])("POST %s (%s)", (path, _which) => {
  const change = (cookie: string | undefined, body: Record<string, unknown>) => {
    const req = request(auth.url).post(path).set("X-Forwarded-For", uniqueIp());
    return (cookie ? req.set("Cookie", cookie) : req).send(body);
  };
  const passwords = { newPassword: "a new passphrase", newPasswordConfirm: "a new passphrase" };

  test("401 when nobody is signed in", async () => {
    const res = await change(undefined, { currentPassword: "x", ...passwords }).expect(401);
    expect(res.body).toEqual({ errors: [{ message: "Not signed in" }] });
  });

  test("400 naming the field for a mismatched confirmation and a wrong current password; nothing changes", async () => {
    const { cookie, password } = await signUpUser(auth.url);
    const mismatch = await change(cookie, { currentPassword: password, ...passwords, newPasswordConfirm: "other one" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toEqual({ errors: [{ message: "Passwords do not match", field: "newPasswordConfirm" }] });
    const wrong = await change(cookie, { currentPassword: "not my password", ...passwords }).expect(400);
    expect(wrong.body).toEqual({ errors: [{ message: "Current password is incorrect", field: "currentPassword" }] });
    expect(await me(cookie)).not.toBeNull();
  });

  test("200: the password changes, this browser gets a renewed session, the old one is signed out", async () => {
    const { cookie, email, user, password } = await signUpUser(auth.url);
    const res = await change(cookie, { currentPassword: password, ...passwords }).expect(200);
    expect(res.body.user.id).toBe(user.id);
    expect((await me(cookieFrom(res)!)).id).toBe(user.id);
    expect(await me(cookie)).toBeNull();
    await request(auth.url).post("/api/users/signin").send({ email, password: passwords.newPassword }).expect(200);
  });
});

describe.each([
  ["/api/users/me", "ours"],
  ["/api/users/update", "seed-compatible alias"],
])("PATCH %s (%s)", (path, _which) => {
  const patch = (cookie: string) => request(auth.url).patch(path).set("Cookie", cookie);

  test("401 when nobody is signed in", async () => {
    const res = await request(auth.url).patch(path).send({ name: "Nobody" }).expect(401);
    expect(res.body).toEqual({ errors: [{ message: "Not signed in" }] });
  });

  test("400 naming the field, or for nothing to change; nothing changes", async () => {
    const { cookie, user } = await signUpUser(auth.url);
    const res = await patch(cookie).send({ jobTitle: "Kept", phone: "call me maybe" }).expect(400);
    expect(res.body.errors).toEqual([{ message: expect.any(String), field: "phone" }]);
    const empty = await patch(cookie).send({}).expect(400);
    expect(empty.body).toEqual({ errors: [{ message: "Send at least one of name, jobTitle, phone or photo" }] });
    expect(await me(cookie)).toEqual(user);
  });

  test("200 for profile fields (renewed cookie with the new name) and for a multipart photo", async () => {
    const { cookie, user } = await signUpUser(auth.url);
    const res = await patch(cookie).send({ name: "Ada King", phone: "+44 20 7946 0958" }).expect(200);
    expect(res.body.user).toEqual({ ...user, name: "Ada King", phone: "+44 20 7946 0958" });
    expect(await me(cookieFrom(res)!)).toEqual(res.body.user);

    const withPhoto = await patch(cookie)
      .field("jobTitle", "Photographer")
      .attach("photo", await makeImage("png", 300, 400), "me.png")
      .expect(200);
    expect(withPhoto.body.user.jobTitle).toBe("Photographer");
    const photo = await request(auth.url).get(withPhoto.body.user.photoUrl).buffer(true).expect(200);
    expect(await dimensions(photo.body)).toEqual({ width: 300, height: 400, format: "webp" });
  });
});
