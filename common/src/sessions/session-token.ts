import { createSecretKey, type KeyObject, randomUUID } from "node:crypto";
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
  /**
   * Platform administrator (decides buyer-protection claims). Set by auth for a verified
   * address listed in ADMIN_EMAILS; absent (false) in every other token.
   */
  admin?: boolean;
  /**
   * When the user last proved who they are in this session: signed in, or entered their
   * password (the token's `auth_time`, as in OpenID Connect; `iat` for older tokens). A
   * re-issue for a new name or the verified flag keeps it. Payments asks for a recent one
   * before a payout account is changed.
   */
  signedInAt?: Date;
}

/** The claims a session JWT carries: the user, its token version, the session's id and an expiry. */
interface SessionClaims {
  sub: string;
  email: string;
  name: string;
  /** Token version: bumped by auth on password change and "sign out of all devices"; older tokens are refused everywhere. */
  tv: number;
  /** Email verified (absent in tokens issued before verification existed: read as false). */
  ev?: boolean;
  /** Administrator (only ever `true`; absent otherwise). */
  adm?: true;
  /** Session id, one per sign-in: sign-out revokes exactly this session everywhere. */
  sid: string;
  exp?: number;
  iat?: number;
  /** When the user last proved who they are (seconds), kept across re-issues; see `signedInAt`. */
  auth_time?: number;
}

/** What a valid session token says. */
export interface Session extends CurrentUser {
  tokenVersion: number;
  sessionId: string;
  expiresAt: Date;
}

/**
 * The session cookie's name. In production `__Host-session`: browsers accept that name
 * only with Secure, Path=/ and no Domain, so no other (sub)domain or plain-HTTP page can
 * plant or overwrite a session. Development on http://localhost keeps `session`.
 */
export const SESSION_COOKIE = "session";
export const SECURE_SESSION_COOKIE = "__Host-session";
export const sessionCookieName = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

/** The session token of a request's cookies, whichever of the two names carries it. */
export const sessionTokenOf = (cookies: Record<string, string> | undefined): string | undefined =>
  cookies?.[SECURE_SESSION_COOKIE] ?? cookies?.[SESSION_COOKIE];

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
  user: CurrentUser & { tokenVersion: number; sessionId?: string },
  key: string,
  ttlSeconds: number,
): string {
  const claims: SessionClaims = {
    sub: user.id,
    email: user.email,
    name: user.name,
    tv: user.tokenVersion,
    ev: user.emailVerified === true,
    sid: user.sessionId ?? randomUUID(),
    ...(user.admin === true ? { adm: true as const } : {}),
    // Now at sign-in; a re-issue passes the session's own (tests sign older sessions).
    auth_time: Math.floor((user.signedInAt?.getTime() ?? Date.now()) / 1000),
  };
  return jwt.sign(claims, secretKey(key), { algorithm: "HS256", expiresIn: ttlSeconds });
}

/**
 * Returns the session or null when the token is missing, forged, expired, without an
 * expiry or session id, or malformed.
 */
export function verifySessionToken(token: string | undefined, key: string): Session | null {
  if (!token) return null;
  try {
    const claims = jwt.verify(token, secretKey(key), { algorithms: ["HS256"] }) as Partial<SessionClaims>;
    // User ids are UUIDs everywhere; anything else is refused here rather than reaching a uuid column.
    if (
      typeof claims.sub !== "string" ||
      !UUID.test(claims.sub) ||
      typeof claims.email !== "string" ||
      typeof claims.tv !== "number" ||
      typeof claims.sid !== "string" ||
      !UUID.test(claims.sid) ||
      // jsonwebtoken checks exp only when present: a token without one would never expire.
      typeof claims.exp !== "number"
    ) {
      return null;
    }
    return {
      id: claims.sub,
      email: claims.email,
      name: claims.name ?? "",
      emailVerified: claims.ev === true,
      ...(claims.adm === true ? { admin: true } : {}),
      ...signedInAt(claims),
      tokenVersion: claims.tv,
      sessionId: claims.sid,
      expiresAt: new Date(claims.exp * 1000),
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

/** `auth_time`, or `iat` for a token issued before `auth_time` existed. */
function signedInAt(claims: Partial<SessionClaims>): { signedInAt?: Date } {
  const seconds = typeof claims.auth_time === "number" ? claims.auth_time : claims.iat;
  return typeof seconds === "number" ? { signedInAt: new Date(seconds * 1000) } : {};
}
