import type { RequestHandler } from "express";
import { NotAuthorizedError } from "../errors";
import { SESSION_COOKIE, type TokenVersionLookup, verifySessionToken } from "../sessions";

/**
 * Reads the session cookie and sets `req.currentUser` when the token is valid and its
 * version is not older than the newest revocation this service knows of.
 */
export function currentUser(jwtKey: string, minTokenVersion: TokenVersionLookup): RequestHandler {
  return async (req, _res, next) => {
    const session = verifySessionToken(req.cookies?.[SESSION_COOKIE], jwtKey);
    if (session && session.tokenVersion >= (await minTokenVersion(session.id))) {
      req.currentUser = {
        id: session.id,
        email: session.email,
        name: session.name,
        emailVerified: session.emailVerified,
      };
    }
    next();
  };
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  if (!req.currentUser) throw new NotAuthorizedError();
  next();
};
