import type { TokenVersionLookup } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import type { AuthDatabase } from "../db";
import { users } from "../db/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Auth knows each user's token version first-hand (`users.token_version`), so it needs no
 * revocation events: a token older than the user's current version is refused at once.
 * A token for a user auth does not know is refused too.
 */
export function currentTokenVersion(db: AuthDatabase): TokenVersionLookup {
  return async (userId) => {
    if (!UUID.test(userId)) return Number.POSITIVE_INFINITY;
    const [row] = await db.select({ tokenVersion: users.tokenVersion }).from(users).where(eq(users.id, userId));
    return row?.tokenVersion ?? Number.POSITIVE_INFINITY;
  };
}
