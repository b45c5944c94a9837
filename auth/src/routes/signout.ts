import { requireAuth, sessionTokenOf, verifySessionToken } from "@m-ticketing/common";
import { Router } from "express";
import { signOutEverywhere, signOutSession } from "../domain/sign-out";
import type { RouteDeps } from "./deps";
import { clearSessionCookie } from "./session-cookie";

/**
 * POST /api/users/signout: ends this session on every service (its session id is revoked)
 * and clears the cookie. POST /api/users/signout-all: ends every session of the user, on
 * every device.
 */
export function signOutRouter({ db, session }: RouteDeps): Router {
  const router = Router();
  router.post("/api/users/signout", async (req, res) => {
    // A session already refused (expired, revoked) has nothing left to revoke.
    const current = req.currentUser ? verifySessionToken(sessionTokenOf(req.cookies), session.jwtKey) : null;
    if (current) await signOutSession(db, session.jwtKey, current);
    clearSessionCookie(res, session);
    res.json({});
  });
  router.post("/api/users/signout-all", requireAuth, async (req, res) => {
    await signOutEverywhere(db, session.jwtKey, req.currentUser!.id);
    clearSessionCookie(res, session);
    res.json({});
  });
  return router;
}
