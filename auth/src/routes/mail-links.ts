import { requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { requestEmailVerification, verifyEmail } from "../domain/email-verification";
import { requestPasswordReset, resetPassword } from "../domain/password-reset";
import { findUserById, toPublicUser } from "../domain/users";
import { clientIp } from "./client-ip";
import type { RouteDeps } from "./deps";
import { email, newPassword } from "./fields";
import { setSessionCookie } from "./session-cookie";

const token = z.string({ error: "The link's token is missing" }).min(1, "The link's token is missing").max(512);

const resetBody = z
  .object({ token, password: newPassword(), passwordConfirm: z.string({ error: "Confirm your password" }) })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "Passwords do not match" });

/** The same answer whether or not the address has an account. */
const RESET_REQUESTED = {
  message: "If an account uses this address, we sent it a link to choose a new password. It works for one hour.",
};

/** What the mailed links lead to: verifying the address, and resetting a forgotten password. */
export function mailLinksRouter({ db, config, session }: RouteDeps): Router {
  const router = Router();

  router.post("/api/users/password-reset", async (req, res) => {
    const input = validate(req, { body: z.object({ email }) }).body;
    await requestPasswordReset(db, input.email, clientIp(req), config.resetLimits);
    res.status(202).json(RESET_REQUESTED);
  });

  router.post("/api/users/password-reset/confirm", async (req, res) => {
    const input = validate(req, { body: resetBody }).body;
    const user = await resetPassword(
      db,
      { token: input.token, password: input.password },
      { linkKey: config.linkKey, scryptLogN: config.PASSWORD_SCRYPT_LOG_N, jwtKey: session.jwtKey },
    );
    // Every other session is signed out (token version bumped); this browser is signed in.
    setSessionCookie(res, session, user);
    res.json({ user: toPublicUser(user) });
  });

  router.post("/api/users/verify-email", async (req, res) => {
    const input = validate(req, { body: z.object({ token }) }).body;
    const user = await verifyEmail(db, input.token, config.linkKey);
    // The browser that clicked gets a token saying "verified" at once (if it is the user's).
    if (req.currentUser?.id === user.id) setSessionCookie(res, session, user);
    res.json({ user: toPublicUser(user) });
  });

  router.post("/api/users/verify-email/resend", requireAuth, async (req, res) => {
    const user = await findUserById(db, req.currentUser!.id);
    if (user && !user.emailVerified) await db.transaction((tx) => requestEmailVerification(tx, user));
    res.status(202).json({ message: "If your address is not verified yet, we sent a new link." });
  });

  return router;
}
