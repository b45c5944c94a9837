import { requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { changePassword } from "../domain/change-password";
import { toPublicUser } from "../domain/users";
import { clientIp } from "./client-ip";
import type { RouteDeps } from "./deps";
import { enteredPassword, newPassword } from "./fields";
import { reissueSessionCookie } from "./session-cookie";

const body = z
  .object({
    currentPassword: enteredPassword("Current password"),
    newPassword: newPassword("New password"),
    newPasswordConfirm: z.string({ error: "Confirm the new password" }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, {
    path: ["newPasswordConfirm"],
    message: "Passwords do not match",
  });

export function changePasswordRouter({ db, config, session }: RouteDeps): Router {
  const router = Router();
  router.post("/api/users/change-password", requireAuth, async (req, res) => {
    const input = validate(req, { body }).body;
    const user = await changePassword(
      db,
      {
        userId: req.currentUser!.id,
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
        ip: clientIp(req),
      },
      { limits: config.signInLimits, scryptLogN: config.PASSWORD_SCRYPT_LOG_N, jwtKey: session.jwtKey },
    );
    // Every older token is now refused; this browser keeps going with one of the new version.
    reissueSessionCookie(req, res, session, user, { passwordEntered: true });
    res.json({ user: toPublicUser(user) });
  });
  return router;
}
