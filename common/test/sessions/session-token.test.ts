// Issue 12 finding 2: tokens without `exp` never expire, so they are refused; every session
// carries its own id (finding 3: sign-out revokes exactly that one).
import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { sessionTokenOf, signSessionToken, verifySessionToken } from "../../src/sessions";

const key = "k".repeat(48);
const user = { id: randomUUID(), email: "a@example.test", name: "A", tokenVersion: 0 };

test("a token signed with the right key but without exp is refused", () => {
  const forever = jwt.sign({ sub: user.id, email: user.email, name: user.name, tv: 0, sid: randomUUID() }, key, {
    algorithm: "HS256",
  });
  expect(verifySessionToken(forever, key)).toBeNull();
});

test("a token without a session id is refused", () => {
  const noSid = jwt.sign({ sub: user.id, email: user.email, name: user.name, tv: 0 }, key, {
    algorithm: "HS256",
    expiresIn: 60,
  });
  expect(verifySessionToken(noSid, key)).toBeNull();
});

test("every signed session has its own id and its expiry", () => {
  const a = verifySessionToken(signSessionToken(user, key, 60), key)!;
  const b = verifySessionToken(signSessionToken(user, key, 60), key)!;
  expect(a.sessionId).not.toBe(b.sessionId);
  expect(a.expiresAt.getTime()).toBeGreaterThan(Date.now());
});

test("the session is read from __Host-session (production) or session (development)", () => {
  expect(sessionTokenOf({ "__Host-session": "x" })).toBe("x");
  expect(sessionTokenOf({ session: "y" })).toBe("y");
  expect(sessionTokenOf({})).toBeUndefined();
});
