import { z } from "zod";
import { userSnapshot } from "./user-snapshot";

/** A Google account was linked to an existing account (its password was removed). Published by auth. */
export const userGoogleLinked = {
  type: "user.google-linked",
  version: 1,
  data: z.object({ user: userSnapshot }),
} as const;
