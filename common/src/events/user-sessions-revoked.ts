import { z } from "zod";
import { uuid } from "./shared-fields";

/** Sessions of a user with a token version below `tokenVersion` are no longer valid. Published by auth. */
export const userSessionsRevoked = {
  type: "user.sessions-revoked",
  version: 1,
  data: z.object({ userId: uuid, tokenVersion: z.number().int().positive() }),
} as const;
