import { createHmac, timingSafeEqual } from "node:crypto";

/** What a `user.sessions-revoked` event says, without its signature. */
export interface Revocation {
  userId: string;
  tokenVersion?: number;
  sessionId?: string;
  expiresAt?: string;
}

// A key of its own, derived from JWT_KEY, so a revocation signature can never pass for a
// session token's (or the reverse). Every service that checks sessions already holds JWT_KEY.
const revocationKey = (jwtKey: string) => createHmac("sha256", jwtKey).update("user.sessions-revoked/v1").digest();

const canonical = (r: Revocation) =>
  JSON.stringify([r.userId, r.tokenVersion ?? null, r.sessionId ?? null, r.expiresAt ?? null]);

/** Auth's signature over a revocation (base64url HMAC-SHA256). */
export function signRevocation(revocation: Revocation, jwtKey: string): string {
  return createHmac("sha256", revocationKey(jwtKey)).update(canonical(revocation)).digest("base64url");
}

export function revocationSignatureValid(revocation: Revocation & { signature: string }, jwtKey: string): boolean {
  const expected = Buffer.from(signRevocation(revocation, jwtKey));
  const given = Buffer.from(revocation.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
