import { Router } from "express";
import type { RouteDeps } from "./deps";
import { clearSessionCookie } from "./session-cookie";

/** Clears this browser's session cookie (changing the password is what ends every session). */
export function signOutRouter({ session }: RouteDeps): Router {
  const router = Router();
  router.post("/api/users/signout", (_req, res) => {
    clearSessionCookie(res, session);
    res.json({});
  });
  return router;
}
