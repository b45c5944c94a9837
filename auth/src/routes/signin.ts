import { validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { signIn } from "../domain/sign-in";
import { toPublicUser } from "../domain/users";
import { clientIp } from "./client-ip";
import type { RouteDeps } from "./deps";
import { enteredPassword } from "./fields";
import { setSessionCookie } from "./session-cookie";

// Only presence is checked: a malformed email simply is not a known account.
const body = z.object({
  email: z
    .string({ error: "Email is required" })
    .trim()
    .min(1, "Email is required")
    .max(254, "Email must be at most 254 characters"),
  password: enteredPassword(),
});

export function signInRouter({ db, config, session }: RouteDeps): Router {
  const router = Router();
  router.post("/api/users/signin", async (req, res) => {
    const { email, password } = validate(req, { body }).body;
    const user = await signIn(
      db,
      { email, password, ip: clientIp(req) },
      { limits: config.signInLimits, scryptLogN: config.PASSWORD_SCRYPT_LOG_N },
    );
    setSessionCookie(res, session, user);
    res.json({ user: toPublicUser(user) });
  });
  return router;
}
