import {
  addToOutbox,
  createEvent,
  type Executor,
  NotAuthorizedError,
  type Revocation,
  recordRevokedSession,
  type Session,
  signRevocation,
} from "@m-ticketing/common";
import { eq, sql } from "drizzle-orm";
import type { AuthDatabase } from "../db";
import { type UserRow, users } from "../db/schema";

/**
 * Publishes `user.sessions-revoked` through the outbox in the caller's transaction,
 * signed with auth's revocation key so every other service can tell it came from auth.
 */
export async function announceRevocation(tx: Executor, jwtKey: string, revocation: Revocation): Promise<void> {
  await addToOutbox(
    tx,
    createEvent("user.sessions-revoked", { ...revocation, signature: signRevocation(revocation, jwtKey) }),
  );
}

/**
 * Sign-out: this one session ends on every service, not only in this browser. Auth
 * refuses it at once (its own revoked_sessions row); the others when the event arrives.
 */
export async function signOutSession(db: AuthDatabase, jwtKey: string, session: Session): Promise<void> {
  await db.transaction(async (tx) => {
    const revoked = { sessionId: session.sessionId, userId: session.id, expiresAt: session.expiresAt };
    await recordRevokedSession(tx, revoked);
    await announceRevocation(tx, jwtKey, { ...revoked, expiresAt: session.expiresAt.toISOString() });
  });
}

/**
 * "Sign out of all devices": the token version goes up, so every session issued before
 * (this one included) is refused everywhere. The only way out for a user who signs in
 * with Google only and has no password to change.
 */
export async function signOutEverywhere(db: AuthDatabase, jwtKey: string, userId: string): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    if (!user) throw new NotAuthorizedError();
    await announceRevocation(tx, jwtKey, { userId: user.id, tokenVersion: user.tokenVersion });
    return user;
  });
}
