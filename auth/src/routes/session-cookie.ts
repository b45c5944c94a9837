import type { ServiceContext } from "@m-ticketing/common";
import {
  SESSION_COOKIE,
  sessionCookieName,
  sessionCookieOptions,
  sessionTokenOf,
  signSessionToken,
  verifySessionToken,
} from "@m-ticketing/common";
import type { Request, Response } from "express";
import type { UserRow } from "../db/schema";

/** The host's session settings plus who is an administrator (ADMIN_EMAILS, lower-case). */
export type SessionSettings = ServiceContext<Record<string, unknown>>["session"] & {
  adminEmails: ReadonlySet<string>;
};

/** An administrator: a verified address listed in ADMIN_EMAILS (an unverified one could be anybody's). */
export const isAdmin = (session: SessionSettings, user: Pick<UserRow, "email" | "emailVerified">) =>
  user.emailVerified && session.adminEmails.has(user.email.toLowerCase());

/**
 * Signs the user in on this browser: a JWT with id, name, email, verified flag, admin flag, token version and a new
 * session id (or `sessionId`, for a re-issue), in the session cookie (`__Host-session` when Secure, see SESSION_COOKIE).
 */
export function setSessionCookie(
  res: Response,
  session: SessionSettings,
  user: UserRow,
  reissue?: { sessionId?: string; signedInAt?: Date },
): void {
  const token = signSessionToken(
    {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: user.emailVerified,
      admin: isAdmin(session, user),
      tokenVersion: user.tokenVersion,
      sessionId: reissue?.sessionId,
      signedInAt: reissue?.signedInAt,
    },
    session.jwtKey,
    session.ttlSeconds,
  );
  res.cookie(sessionCookieName(session.secureCookie), token, cookieOptions(session));
}

/**
 * Re-issues this browser's cookie with fresh claims (a new name, the verified flag, a new
 * token version) under the same session id, so signing out later still ends this session:
 * a new id per re-issue would leave the older cookies of the session unrevoked. It keeps
 * the time the user last proved who they are, unless they just did (`passwordEntered`).
 */
export function reissueSessionCookie(
  req: Request,
  res: Response,
  session: SessionSettings,
  user: UserRow,
  { passwordEntered = false } = {},
): void {
  const current = verifySessionToken(sessionTokenOf(req.cookies), session.jwtKey);
  setSessionCookie(res, session, user, {
    sessionId: current?.sessionId,
    signedInAt: passwordEntered ? undefined : current?.signedInAt,
  });
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
