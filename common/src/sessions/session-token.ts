import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";

/** Who is signed in, as every service sees it (from the session JWT). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  /**
   * Whether the user proved they own `email`. Listing tickets (and, later, being paid) needs it.
   * A token from before verification says false until auth re-issues it (on verification, and
   * on the next `GET /api/users/currentuser` of any browser of the user).
   */
  emailVerified?: boolean;
}

/** The claims a session JWT carries: the user, its token version and an expiry. */
interface SessionClaims {
  sub: string;
  email: string;
  name: string;
  /** Token version: bumped by auth on password change; older tokens are refused everywhere. */
  tv: number;
  /** Email verified (absent in tokens issued before verification existed: read as false). */
  ev?: boolean;
}

export const SESSION_COOKIE = "session";

// jsonwebtoken first tries to read a string key as a PEM public key, which costs more than
// the HMAC itself on every request; a KeyObject skips that. One per key, made once.
const keyObjects = new Map<string, KeyObject>();
function secretKey(key: string): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(Buffer.from(key));
    keyObjects.set(key, object);
  }
  return object;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function signSessionToken(
  user: CurrentUser & { tokenVersion: number },
  key: string,
  ttlSeconds: number,
): string {
  const claims: SessionClaims = {
    sub: user.id,
    email: user.email,
    name: user.name,
    tv: user.tokenVersion,
    ev: user.emailVerified === true,
  };
  return jwt.sign(claims, secretKey(key), { algorithm: "HS256", expiresIn: ttlSeconds });
}

/** Returns the session or null when the token is missing, forged, expired or malformed. */
export function verifySessionToken(
  token: string | undefined,
  key: string,
): (CurrentUser & { tokenVersion: number }) | null {
  if (!token) return null;
  try {
    const claims = jwt.verify(token, secretKey(key), { algorithms: ["HS256"] }) as Partial<SessionClaims>;
    // User ids are UUIDs everywhere; anything else is refused here rather than reaching a uuid column.
    if (
      typeof claims.sub !== "string" ||
      !UUID.test(claims.sub) ||
      typeof claims.email !== "string" ||
      typeof claims.tv !== "number"
    ) {
      return null;
    }
    return {
      id: claims.sub,
      email: claims.email,
      name: claims.name ?? "",
      emailVerified: claims.ev === true,
      tokenVersion: claims.tv,
    };
  } catch {
    return null;
  }
}

export interface SessionCookieOptions {
  secure: boolean;
  ttlSeconds: number;
}

/** httpOnly so scripts cannot read it; SameSite=Lax so other sites cannot post with it. */
export function sessionCookieOptions({ secure, ttlSeconds }: SessionCookieOptions) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: ttlSeconds * 1000 };
}
