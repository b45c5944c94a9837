import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A small signed, expiring value in a cookie: what the Google callback must find again
 * (state, PKCE verifier, nonce). HMAC-SHA256 under a key derived from JWT_KEY for this one
 * purpose, so it can never be mistaken for a session token or vice versa.
 */
export class SignedCookieCodec<T extends object> {
  private readonly key: Buffer;

  constructor(secret: string, purpose: string) {
    this.key = createHmac("sha256", secret).update(`ticketing-auth:${purpose}`).digest();
  }

  encode(value: T, ttlSeconds: number): string {
    const payload = Buffer.from(JSON.stringify({ v: value, exp: Math.floor(Date.now() / 1000) + ttlSeconds }));
    return `${payload.toString("base64url")}.${this.sign(payload).toString("base64url")}`;
  }

  /** The value, or null when the cookie is missing, tampered with or expired. */
  decode(cookie: unknown): T | null {
    if (typeof cookie !== "string") return null;
    const [payloadPart, signaturePart, ...rest] = cookie.split(".");
    if (!payloadPart || !signaturePart || rest.length) return null;
    const payload = Buffer.from(payloadPart, "base64url");
    const signature = Buffer.from(signaturePart, "base64url");
    const expected = this.sign(payload);
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    try {
      const { v, exp } = JSON.parse(payload.toString("utf8")) as { v: T; exp: number };
      return typeof exp === "number" && exp > Date.now() / 1000 ? v : null;
    } catch {
      return null;
    }
  }

  private sign(payload: Buffer): Buffer {
    return createHmac("sha256", this.key).update(payload).digest();
  }
}

/** Constant-time string equality (for the `state` echoed back by the browser). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
