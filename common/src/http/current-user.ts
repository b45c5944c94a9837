import type { RequestHandler } from "express";
import { ForbiddenError, NotAuthorizedError } from "../errors";
import {
  type RevokedSessionLookup,
  type SessionCheck,
  sessionTokenOf,
  type TokenVersionLookup,
  verifySessionToken,
} from "../sessions";

/**
 * Reads the session cookie and sets `req.currentUser` when the token is valid, its
 * version is not older than the newest revocation this service knows of, and its session
 * was not signed out.
 */
export function currentUser(
  jwtKey: string,
  minTokenVersion: TokenVersionLookup,
  isSessionRevoked: RevokedSessionLookup = async () => false,
  sessionCheck?: SessionCheck,
): RequestHandler {
  const valid = async (session: { id: string; sessionId: string; tokenVersion: number }) => {
    if (sessionCheck) {
      const { minTokenVersion: min, revoked } = await sessionCheck(session.id, session.sessionId);
      return session.tokenVersion >= min && !revoked;
    }
    return session.tokenVersion >= (await minTokenVersion(session.id)) && !(await isSessionRevoked(session.sessionId));
  };
  return async (req, _res, next) => {
    const session = verifySessionToken(sessionTokenOf(req.cookies), jwtKey);
    if (session && (await valid(session))) {
      req.currentUser = {
        id: session.id,
        email: session.email,
        name: session.name,
        emailVerified: session.emailVerified,
        admin: session.admin,
        signedInAt: session.signedInAt,
      };
    }
    next();
  };
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  if (!req.currentUser) throw new NotAuthorizedError();
  next();
};

/** Only a platform administrator (the session token's admin claim, see ADMIN_EMAILS in auth). */
export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (!req.currentUser) throw new NotAuthorizedError();
  if (req.currentUser.admin !== true) throw new ForbiddenError("Only an administrator may do this");
  next();
};
