import { Router } from "express";
import { findUserById, toPublicUser } from "../domain/users";
import type { RouteDeps } from "./deps";
import { isAdmin, reissueSessionCookie } from "./session-cookie";

/**
 * The signed-in user's profile, fresh from the database. When the cookie's claims are behind it
 * (the address was verified in another browser, the name changed elsewhere, ADMIN_EMAILS changed), the cookie is
 * re-issued: every page load asks this, so the other services soon see the verified flag.
 */
export function currentUserRouter({ db, session }: RouteDeps): Router {
  const router = Router();
  router.get("/api/users/currentuser", async (req, res) => {
    const claims = req.currentUser;
    const user = claims ? await findUserById(db, claims.id) : undefined;
    const admin = user ? isAdmin(session, user) : false;
    if (
      user &&
      claims &&
      (claims.emailVerified !== user.emailVerified || claims.name !== user.name || (claims.admin === true) !== admin)
    ) {
      reissueSessionCookie(req, res, session, user);
    }
    // `admin` only for administrators: every other user reads the same as anywhere else.
    res.json({ currentUser: user ? { ...toPublicUser(user), ...(admin ? { admin: true } : {}) } : null });
  });
  return router;
}
