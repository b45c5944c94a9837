import { z } from "zod";
import { uuid } from "./shared-fields";

/**
 * Published by auth, and only by auth (its NATS user is the only one allowed the `user.*`
 * subjects). Either every session of the user with a token version below `tokenVersion`
 * ("sign out of all devices", a password change), or the one session `sessionId`
 * (sign-out), which would have expired by itself at `expiresAt`. `signature` is auth's
 * HMAC over the rest (common/src/sessions/revocation-signature.ts): consumers refuse a
 * revocation auth did not sign, so one never raises a token version beyond what auth issued.
 */
export const userSessionsRevoked = {
  type: "user.sessions-revoked",
  version: 1,
  data: z
    .object({
      userId: uuid,
      tokenVersion: z.number().int().positive().optional(),
      sessionId: uuid.optional(),
      expiresAt: z.iso.datetime().optional(),
      signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    })
    .refine((d) => (d.tokenVersion === undefined) !== (d.sessionId === undefined && d.expiresAt === undefined), {
      message: "either tokenVersion, or sessionId with expiresAt",
    })
    .refine((d) => (d.sessionId === undefined) === (d.expiresAt === undefined), {
      message: "sessionId and expiresAt go together",
    }),
} as const;
