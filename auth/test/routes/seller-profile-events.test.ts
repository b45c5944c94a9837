// Issue 17 trust signals: tickets keeps what buyers see of a seller from auth's user events,
// so they carry when the account was made, when it last changed and its photo, and a new
// photo is announced like a new name.
import request from "supertest";
import { type RunningAuth, signUpUser, startAuth } from "../helpers/auth-service";
import { makeImage } from "../helpers/images";

let auth: RunningAuth;
beforeAll(async () => {
  auth = await startAuth();
});
afterAll(() => auth.stop());

const userEvents = (subject: string, userId: string) =>
  auth.query<{ payload: { data: { user: Record<string, unknown> } } }>(
    "select payload from outbox where subject = $1 and payload->'data'->'user'->>'id' = $2 order by seq",
    [subject, userId],
  );

test("user.created carries createdAt, updatedAt and photoUrl; a new photo publishes user.updated with it", async () => {
  const { cookie, user } = await signUpUser(auth.url);
  const [created] = await userEvents("user.created", user.id);
  expect(created?.payload.data.user).toMatchObject({
    id: user.id,
    createdAt: user.createdAt,
    updatedAt: expect.any(String),
    photoUrl: null,
  });

  const res = await request(auth.url)
    .patch("/api/users/me")
    .set("Cookie", cookie)
    .attach("photo", await makeImage("png", 64, 64), { filename: "me.png", contentType: "image/png" })
    .expect(200);
  const updated = await userEvents("user.updated", user.id);
  expect(updated).toHaveLength(1);
  expect(updated[0]?.payload.data.user).toMatchObject({ photoUrl: res.body.user.photoUrl, createdAt: user.createdAt });
  expect(Date.parse(String(updated[0]?.payload.data.user.updatedAt))).toBeGreaterThan(
    Date.parse(String(created?.payload.data.user.updatedAt)),
  );

  // A job title is nobody else's business: no event.
  await request(auth.url).patch("/api/users/me").set("Cookie", cookie).send({ jobTitle: "Drummer" }).expect(200);
  expect(await userEvents("user.updated", user.id)).toHaveLength(1);
});
