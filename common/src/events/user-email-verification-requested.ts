import { z } from "zod";
import { uuid } from "./shared-fields";
import { userSnapshot } from "./user-snapshot";

/**
 * The user must prove they own their address (sign-up, or "send the link again"). Carries only
 * the verification's id: the link's signature is made with the mail-link key, which readers of
 * the stream do not need and do not get from the event. Published by auth.
 */
export const userEmailVerificationRequested = {
  type: "user.email-verification-requested",
  version: 1,
  data: z.object({ user: userSnapshot, verificationId: uuid, expiresAt: z.iso.datetime() }),
} as const;
