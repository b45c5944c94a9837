import { SignedCookieCodec, sameSecret } from "../../src/routes/oauth-state-cookie";

const codec = new SignedCookieCodec<{ state: string }>("a-key-long-enough-for-hs256", "google-oauth-state");

test("round-trips a value until it expires", () => {
  expect(codec.decode(codec.encode({ state: "abc" }, 60))).toEqual({ state: "abc" });
  expect(codec.decode(codec.encode({ state: "abc" }, -1))).toBeNull();
});

test("refuses a tampered payload or signature, and garbage", () => {
  const cookie = codec.encode({ state: "abc" }, 60);
  const [payload, signature] = cookie.split(".") as [string, string];
  const forgedPayload = Buffer.from(JSON.stringify({ v: { state: "evil" }, exp: 9e9 })).toString("base64url");
  expect(codec.decode(`${forgedPayload}.${signature}`)).toBeNull();
  expect(codec.decode(`${payload}.${signature.slice(0, -2)}xx`)).toBeNull();
  for (const garbage of [undefined, "", "abc", "a.b.c", 42]) expect(codec.decode(garbage)).toBeNull();
});

test("a cookie made for another purpose or key does not decode", () => {
  const cookie = codec.encode({ state: "abc" }, 60);
  expect(new SignedCookieCodec("a-key-long-enough-for-hs256", "other-purpose").decode(cookie)).toBeNull();
  expect(new SignedCookieCodec("another-key-long-enough-xx", "google-oauth-state").decode(cookie)).toBeNull();
});

test("compares secrets of any length", () => {
  expect(sameSecret("abc", "abc")).toBe(true);
  expect(sameSecret("abc", "abd")).toBe(false);
  expect(sameSecret("abc", "abcd")).toBe(false);
});
