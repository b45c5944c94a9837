import { z } from "zod";
import { userSnapshot } from "./user-snapshot";

/** Someone signed up (password or Google). Published by auth. */
export const userCreated = {
  type: "user.created",
  version: 1,
  data: z.object({ user: userSnapshot }),
} as const;
