import request from "supertest";
import { FakeCloudinary } from "../fakes/fake-cloudinary";
import { type RunningAuth, signUpUser, startAuth } from "../helpers/auth-service";
import { dimensions, makeImage } from "../helpers/images";

let cloudinary: FakeCloudinary;
let auth: RunningAuth;

beforeAll(async () => {
  cloudinary = new FakeCloudinary("ticketing-test", "123456789012345", "cloudinary-test-secret");
  await cloudinary.start();
  auth = await startAuth({ CLOUDINARY_URL: cloudinary.cloudinaryUrl, CLOUDINARY_FOLDER: "ticketing/users" });
});

afterAll(async () => {
  await auth.stop();
  await cloudinary.stop();
});

const patch = (cookie: string) => request(auth.url).patch("/api/users/me").set("Cookie", cookie);

test("uploads the resized photo to Cloudinary with a valid signature and answers its https URL", async () => {
  const { cookie, user } = await signUpUser(auth.url);
  const res = await patch(cookie)
    .attach("photo", await makeImage("jpeg", 1200, 1600), "me.jpg")
    .expect(200);

  const [asset] = [...cloudinary.assets.values()].filter((a) => a.publicId.includes(user.id));
  expect(asset).toBeDefined();
  expect(asset!.publicId).toMatch(new RegExp(`^ticketing/users/${user.id}_[0-9a-f]+$`));
  expect(await dimensions(asset!.bytes)).toEqual({ width: 384, height: 512, format: "webp" });
  expect(res.body.user.photoUrl).toBe(
    `https://res.cloudinary.com/ticketing-test/image/upload/v${asset!.version}/${asset!.publicId}.webp`,
  );
  const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie);
  expect(me.body.currentUser.photoUrl).toBe(res.body.user.photoUrl);
  // Cloudinary serves it; auth's local photo route has nothing for this user.
  await request(auth.url).get(`/api/users/${user.id}/photo`).expect(404);
});

test("a new photo replaces the old one, which is deleted from Cloudinary", async () => {
  const { cookie, user } = await signUpUser(auth.url);
  await patch(cookie)
    .attach("photo", await makeImage("png", 100, 100), "a.png")
    .expect(200);
  const res = await patch(cookie)
    .attach("photo", await makeImage("png", 120, 120), "b.png")
    .expect(200);
  const mine = [...cloudinary.assets.values()].filter((a) => a.publicId.includes(user.id));
  expect(mine).toHaveLength(1);
  expect(res.body.user.photoUrl).toContain(mine[0]!.publicId);
});

test("answers 502 and keeps the profile unchanged when Cloudinary refuses the upload", async () => {
  const { cookie, user } = await signUpUser(auth.url);
  const rightSecret = cloudinary.apiSecret;
  cloudinary.apiSecret = "rotated-secret";
  try {
    const res = await patch(cookie)
      .field("jobTitle", "Should not stick")
      .attach("photo", await makeImage("png", 100, 100), "a.png")
      .expect(502);
    expect(res.body.errors[0].message).toMatch(/photo could not be stored/);
    expect(cloudinary.rejected.at(-1)).toMatch(/^Invalid Signature/);
  } finally {
    cloudinary.apiSecret = rightSecret;
  }
  const me = await request(auth.url).get("/api/users/currentuser").set("Cookie", cookie);
  expect(me.body.currentUser).toEqual(user);
});

test("still rejects oversize and non-image files before anything is uploaded", async () => {
  const { cookie } = await signUpUser(auth.url);
  const before = cloudinary.assets.size;
  const big = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(5 * 1024 * 1024),
  ]);
  await patch(cookie).attach("photo", big, "big.png").expect(413);
  await patch(cookie).attach("photo", Buffer.from("plain text, not an image"), "me.webp").expect(415);
  expect(cloudinary.assets.size).toBe(before);
});
