import { z } from "zod";
import { userSnapshot } from "./user-snapshot";

/** A user's name or verified state changed. Published by auth. */
export const userUpdated = {
  type: "user.updated",
  version: 1,
  data: z.object({ user: userSnapshot }),
} as const;
