import { z } from "zod";
import { userSnapshot } from "./user-snapshot";

/** The user proved they own their address: they may now list tickets (and be paid). Published by auth. */
export const userEmailVerified = {
  type: "user.email-verified",
  version: 1,
  data: z.object({ user: userSnapshot }),
} as const;
