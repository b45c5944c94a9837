import { z } from "zod";
import { userSnapshot } from "./user-snapshot";

/** The password was changed or reset (every other session was signed out). Published by auth. */
export const userPasswordChanged = {
  type: "user.password-changed",
  version: 1,
  data: z.object({ user: userSnapshot, how: z.enum(["changed", "reset"]) }),
} as const;
