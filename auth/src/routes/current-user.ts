import { Router } from "express";

export function currentUserRouter(): Router {
  const router = Router();
  router.get("/api/users/currentuser", (req, res) => {
    res.json({ currentUser: req.currentUser ?? null });
  });
  return router;
}
