import type { TokenVersionLookup } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import type { AuthDatabase } from "../db";
import { users } from "../db/schema";

/**
 * Auth knows each user's token version first-hand (`users.token_version`), so it needs no
 * revocation events: a token older than the user's current version is refused at once.
 * A token for a user auth does not know is refused too. (Subjects that are not UUIDs never
 * get here: common's `verifySessionToken` refuses them.)
 */
export function currentTokenVersion(db: AuthDatabase): TokenVersionLookup {
  return async (userId) => {
    const [row] = await db.select({ tokenVersion: users.tokenVersion }).from(users).where(eq(users.id, userId));
    return row?.tokenVersion ?? Number.POSITIVE_INFINITY;
  };
}
