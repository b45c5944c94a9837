import fs from "node:fs/promises";
import { SESSION_COOKIE, verifySessionToken } from "@m-ticketing/common";
import { TEST_JWT_KEY } from "@m-ticketing/common/testing";
import request from "supertest";
import { cookieFrom, type RunningAuth, signUpUser, startAuth } from "../helpers/auth-service";
import { dimensions, GIF, makeImage } from "../helpers/images";

let auth: RunningAuth;

beforeAll(async () => {
  auth = await startAuth();
});

afterAll(async () => {
  await auth.stop();
});

const patch = (cookie: string) => request(auth.url).patch("/api/users/me").set("Cookie", cookie);
const photoFiles = async (userId: string) =>
  (await fs.readdir(auth.config.photoDir)).filter((f) => f.startsWith(userId));

describe("JSON updates", () => {
  test("updates name, job title and phone, and renews the cookie because the name is in it", async () => {
    const { cookie, user } = await signUpUser(auth.url);
    const res = await patch(cookie)
      .send({ name: "Ada King", jobTitle: "  Analyst  ", phone: "+44 20 7946 0958" })
      .expect(200);
    expect(res.body.user).toEqual({ ...user, name: "Ada King", jobTitle: "Analyst", phone: "+44 20 7946 0958" });

    const renewed = cookieFrom(res);
    const session = verifySessionToken(renewed?.slice(SESSION_COOKIE.length + 1), TEST_JWT_KEY);
    expect(session).toMatchObject({ id: user.id, name: "Ada King" });
    const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", renewed!);
    expect(me.body.currentUser).toEqual(res.body.user);
  });

  test("changes only the fields sent, and keeps the cookie when the name did not change", async () => {
    const { cookie, user } = await signUpUser(auth.url);
    await patch(cookie).send({ jobTitle: "Engineer", phone: "555-0100" }).expect(200);
    const res = await patch(cookie).send({ phone: "(555) 010-0199" }).expect(200);
    expect(res.body.user).toMatchObject({ name: user.name, jobTitle: "Engineer", phone: "(555) 010-0199" });
    expect(cookieFrom(res)).toBeUndefined();
  });

  test("clears job title and phone with null or an empty string", async () => {
    const { cookie } = await signUpUser(auth.url);
    await patch(cookie).send({ jobTitle: "Engineer", phone: "555-0100" }).expect(200);
    const res = await patch(cookie).send({ jobTitle: null, phone: "" }).expect(200);
    expect(res.body.user).toMatchObject({ jobTitle: null, phone: null });
  });

  test.each([
    ["a name with digits", { name: "B4ll" }, "name"],
    ["an empty name", { name: "" }, "name"],
    ["a null name", { name: null }, "name"],
    ["a 101-character job title", { jobTitle: "x".repeat(101) }, "jobTitle"],
    ["a job title with control characters", { jobTitle: "a\u0007b" }, "jobTitle"],
    ["a phone with letters", { phone: "call me maybe" }, "phone"],
    ["a phone with too few digits", { phone: "12-34" }, "phone"],
    ["a numeric phone", { phone: 5550100 }, "phone"],
  ])("answers 400 naming the field for %s, and changes nothing", async (_case, body, field) => {
    const { cookie, user } = await signUpUser(auth.url);
    const res = await patch(cookie)
      .send({ jobTitle: "Kept", ...body })
      .expect(400);
    expect(res.body.errors).toEqual([{ message: expect.any(String), field }]);
    const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie);
    expect(me.body.currentUser).toEqual(user);
  });

  test("answers 400 when there is nothing to change", async () => {
    const { cookie } = await signUpUser(auth.url);
    const res = await patch(cookie).send({}).expect(400);
    expect(res.body.errors[0].message).toMatch(/at least one/);
  });

  test("answers 401 when nobody is signed in", async () => {
    await request(auth.url).patch("/api/users/me").send({ name: "Nobody" }).expect(401);
  });
});

describe("photos on local disk", () => {
  test("stores an upload shrunk to fit 512×512 and serves it from /api/users/:id/photo", async () => {
    const { cookie, user } = await signUpUser(auth.url);
    const res = await patch(cookie)
      .field("jobTitle", "Photographer")
      .attach("photo", await makeImage("jpeg", 2000, 1000), { filename: "me.jpg", contentType: "image/jpeg" })
      .expect(200);
    expect(res.body.user.jobTitle).toBe("Photographer");
    expect(res.body.user.photoUrl).toMatch(new RegExp(`^/api/users/${user.id}/photo\\?v=[0-9a-f]+$`));

    const photo = await request(auth.url).get(res.body.user.photoUrl).buffer(true).expect(200);
    expect(photo.headers["content-type"]).toBe("image/webp");
    expect(photo.headers["cache-control"]).toMatch(/immutable/);
    expect(await dimensions(photo.body)).toEqual({ width: 512, height: 256, format: "webp" });
  });

  test("keeps small images at their size and accepts PNG and WebP", async () => {
    const { cookie } = await signUpUser(auth.url);
    for (const format of ["png", "webp"] as const) {
      const res = await patch(cookie)
        .attach("photo", await makeImage(format, 300, 400), `me.${format}`)
        .expect(200);
      const photo = await request(auth.url).get(res.body.user.photoUrl).buffer(true).expect(200);
      expect(await dimensions(photo.body)).toEqual({ width: 300, height: 400, format: "webp" });
    }
  });

  test("decides the type from the bytes, not the file name or declared type", async () => {
    const { cookie } = await signUpUser(auth.url);
    const png = await makeImage("png", 64, 64);
    await patch(cookie).attach("photo", png, { filename: "notes.txt", contentType: "text/plain" }).expect(200);

    const res = await patch(cookie).attach("photo", GIF, { filename: "me.jpg", contentType: "image/jpeg" }).expect(415);
    expect(res.body).toEqual({ errors: [{ message: "Photo must be a JPEG, PNG or WebP image", field: "photo" }] });
    await patch(cookie)
      .attach("photo", Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), {
        filename: "me.png",
        contentType: "image/png",
      })
      .expect(415);
  });

  test("answers 413 naming photo for a file over 5 MB and changes nothing", async () => {
    const { cookie, user } = await signUpUser(auth.url);
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await patch(cookie)
      .field("name", "Should Not Stick")
      .attach("photo", big, { filename: "big.jpg", contentType: "image/jpeg" })
      .expect(413);
    expect(res.body).toEqual({ errors: [{ message: "Photo must be at most 5 MB", field: "photo" }] });
    const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie);
    expect(me.body.currentUser).toEqual(user);
    expect(await photoFiles(user.id)).toEqual([]);
  });

  test("answers 400 naming photo for a damaged image with a valid signature", async () => {
    const { cookie } = await signUpUser(auth.url);
    const damaged = (await makeImage("jpeg", 100, 100)).subarray(0, 200);
    const res = await patch(cookie).attach("photo", damaged, "broken.jpg").expect(400);
    expect(res.body.errors).toEqual([{ message: expect.stringMatching(/could not be read/), field: "photo" }]);
  });

  test("rejects a file sent under another field name, and a malformed multipart body", async () => {
    const { cookie } = await signUpUser(auth.url);
    const res = await patch(cookie)
      .attach("avatar", await makeImage("png", 10, 10), "a.png")
      .expect(400);
    expect(res.body.errors[0].field).toBe("avatar");
    await patch(cookie)
      .set("Content-Type", "multipart/form-data; boundary=xyz")
      .send('--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nAda')
      .expect(400);
  });

  test("a new photo replaces the old one, whose file is removed", async () => {
    const { cookie, user } = await signUpUser(auth.url);
    const first = await patch(cookie)
      .attach("photo", await makeImage("png", 50, 50), "a.png")
      .expect(200);
    const second = await patch(cookie)
      .attach("photo", await makeImage("png", 60, 60), "b.png")
      .expect(200);
    expect(second.body.user.photoUrl).not.toBe(first.body.user.photoUrl);
    expect(await photoFiles(user.id)).toHaveLength(1);
    const photo = await request(auth.url).get(`/api/users/${user.id}/photo`).buffer(true).expect(200);
    expect(await dimensions(photo.body)).toMatchObject({ width: 60, height: 60 });
    // Without the current version the response may be stale, so it is not cached for long.
    expect(photo.headers["cache-control"]).not.toMatch(/immutable/);
  });

  test("answers 404 for a user without a photo, an unknown user and a malformed id", async () => {
    const { user } = await signUpUser(auth.url);
    await request(auth.url).get(`/api/users/${user.id}/photo`).expect(404);
    await request(auth.url).get("/api/users/0b6f8a57-2c1e-4a9b-8f3d-5e6a7b8c9d0e/photo").expect(404);
    await request(auth.url).get("/api/users/not-an-id/photo").expect(404);
  });
});
