import { z } from "zod";
import { uuid } from "./shared-fields";
import { userSnapshot } from "./user-snapshot";

/**
 * Someone asked for a password reset link for this account. The event names the reset by id
 * only: the link is `id.signature` with the mail-link key, so the stream holds nothing that
 * resets a password. Published by auth.
 */
export const userPasswordResetRequested = {
  type: "user.password-reset-requested",
  version: 1,
  data: z.object({ user: userSnapshot, resetId: uuid, expiresAt: z.iso.datetime() }),
} as const;
