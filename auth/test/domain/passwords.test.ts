import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "../../src/domain/passwords";

test("verifies the right password and refuses a wrong one", async () => {
  const hash = await hashPassword("correct horse battery", 14);
  expect(await verifyPassword("correct horse battery", hash)).toBe(true);
  expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  expect(await verifyPassword("", hash)).toBe(false);
});

test("salts every hash, and records its parameters in it", async () => {
  const a = await hashPassword("same password", 14);
  const b = await hashPassword("same password", 14);
  expect(a).not.toBe(b);
  expect(a).toMatch(/^scrypt\$14\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
});

test("treats the composed and decomposed forms of an accented password as the same", async () => {
  const hash = await hashPassword("caf\u00e9 au lait", 14);
  expect(await verifyPassword("cafe\u0301 au lait", hash)).toBe(true);
});

test("refuses malformed or foreign hashes instead of throwing", async () => {
  for (const bad of [
    "",
    "plain",
    "scrypt$x$8$1$a$b",
    "bcrypt$2b$10$abc",
    "scrypt$30$8$1$AAAA$AAAA",
    "scrypt$14$8$1$AAAA$",
  ]) {
    expect(await verifyPassword("anything", bad)).toBe(false);
  }
});

test("asks for a rehash when the cost has been raised since", async () => {
  const hash = await hashPassword("pw", 14);
  expect(needsRehash(hash, 14)).toBe(false);
  expect(needsRehash(hash, 15)).toBe(true);
});

test("the dummy check always fails", async () => {
  expect(await verifyAgainstDummy("anything", 14)).toBe(false);
});
