import type { ServiceContext } from "@m-ticketing/common";
import { SESSION_COOKIE, sessionCookieName, sessionCookieOptions, signSessionToken } from "@m-ticketing/common";
import type { Response } from "express";
import type { UserRow } from "../db/schema";

export type SessionSettings = ServiceContext<Record<string, unknown>>["session"];

/**
 * Signs the user in on this browser: a JWT with id, name, email, verified flag, token version and a new
 * session id, in the session cookie (`__Host-session` when Secure, see SESSION_COOKIE).
 */
export function setSessionCookie(res: Response, session: SessionSettings, user: UserRow): void {
  const token = signSessionToken(
    {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: user.emailVerified,
      tokenVersion: user.tokenVersion,
    },
    session.jwtKey,
    session.ttlSeconds,
  );
  res.cookie(sessionCookieName(session.secureCookie), token, cookieOptions(session));
}

export function clearSessionCookie(res: Response, session: SessionSettings): void {
  const { maxAge: _maxAge, ...options } = cookieOptions(session);
  res.clearCookie(sessionCookieName(session.secureCookie), options);
  // A cookie of the other name (set before a switch to or from Secure) goes too.
  if (session.secureCookie) res.clearCookie(SESSION_COOKIE, options);
}

function cookieOptions(session: SessionSettings) {
  return sessionCookieOptions({ secure: session.secureCookie, ttlSeconds: session.ttlSeconds });
}
