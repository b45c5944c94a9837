import { Router } from "express";
import { findUserById, toPublicUser } from "../domain/users";
import type { RouteDeps } from "./deps";

/** The signed-in user's profile, fresh from the database (the cookie only carries id, name and email). */
export function currentUserRouter({ db }: RouteDeps): Router {
  const router = Router();
  router.get("/api/users/currentuser", async (req, res) => {
    const user = req.currentUser ? await findUserById(db, req.currentUser.id) : undefined;
    res.json({ currentUser: user ? toPublicUser(user) : null });
  });
  return router;
}
