import { BadRequestError, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { weakPasswordMessage } from "../domain/password-strength";
import { signUp } from "../domain/sign-up";
import { claimSignUp } from "../domain/sign-up-limit";
import { toPublicUser } from "../domain/users";
import { verifyRecaptcha } from "../integrations/recaptcha";
import { clientIp } from "./client-ip";
import type { RouteDeps } from "./deps";
import { email, name, newPassword } from "./fields";
import { setSessionCookie } from "./session-cookie";

export function signUpRouter({ db, config, session }: RouteDeps): Router {
  const recaptchaSecret = config.RECAPTCHA_SECRET;
  const body = z
    .object({
      name,
      email,
      password: newPassword("Password", { strength: false }),
      passwordConfirm: z.string({ error: "Confirm your password" }),
      recaptchaToken: recaptchaSecret
        ? z.string({ error: "Complete the reCAPTCHA" }).min(1, "Complete the reCAPTCHA")
        : z.string().optional(),
    })
    .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "Passwords do not match" })
    // The person's own name or address as the password (or most of it) is easy to guess too.
    .superRefine((v, ctx) => {
      const weak = weakPasswordMessage(v.password, "Password", [v.name, v.email, ...v.email.split(/[@.]/)]);
      if (weak) ctx.addIssue({ code: "custom", path: ["password"], message: weak });
    });

  const router = Router();
  router.post("/api/users/signup", async (req, res) => {
    const input = validate(req, { body }).body;
    const ip = clientIp(req);
    await claimSignUp(db, config.signUpLimit, ip);
    // Before the account exists: a bot that fails the check leaves nothing behind.
    if (recaptchaSecret) {
      const result = await verifyRecaptcha(config.RECAPTCHA_VERIFY_URL, recaptchaSecret, input.recaptchaToken!, ip);
      if (!result.success) throw new BadRequestError("reCAPTCHA verification failed; try again", "recaptchaToken");
    }
    const user = await signUp(db, input, config.PASSWORD_SCRYPT_LOG_N);
    setSessionCookie(res, session, user);
    res.status(201).json({ user: toPublicUser(user) });
  });
  return router;
}
