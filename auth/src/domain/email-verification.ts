import { addToOutbox, BadRequestError, createEvent, type Executor, verifyLinkToken } from "@m-ticketing/common";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { emailVerifications, type UserRow, users } from "../db/schema";
import { userSnapshot } from "./user-events";
import { isUuid } from "./users";

/** A verification link works for a day. */
export const VERIFICATION_TTL_SECONDS = 24 * 3600;
/** "Send the link again" at most this many times an hour (more would be mail bombing the address). */
const RESENDS_PER_HOUR = 5;

/**
 * Starts a verification of the user's current address in the caller's transaction: a row
 * (single use, 24 h) and `user.email-verification-requested` naming it, from which
 * notifications mails the signed link. Returns false when the hourly limit is reached.
 */
export async function requestEmailVerification(tx: Executor, user: UserRow): Promise<boolean> {
  const [recent] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(emailVerifications)
    .where(
      and(eq(emailVerifications.userId, user.id), gt(emailVerifications.createdAt, sql`now() - interval '1 hour'`)),
    );
  if ((recent?.count ?? 0) >= RESENDS_PER_HOUR) return false;
  const [row] = await tx
    .insert(emailVerifications)
    .values({
      userId: user.id,
      email: user.email,
      expiresAt: sql`now() + make_interval(secs => ${VERIFICATION_TTL_SECONDS})`,
    })
    .returning();
  await addToOutbox(
    tx,
    createEvent("user.email-verification-requested", {
      user: userSnapshot(user),
      verificationId: row!.id,
      expiresAt: row!.expiresAt.toISOString(),
    }),
  );
  return true;
}

const invalidLink = () =>
  new BadRequestError("This verification link is invalid, expired or already used; ask for a new one", "token");

/**
 * Marks the address verified from a mailed token: the signature must be ours, the link unused,
 * unexpired and for the user's current address. Used up in the same transaction, with
 * `user.email-verified` published, so two clicks at once verify once and the second is refused.
 */
export async function verifyEmail(db: Executor, token: unknown, linkKey: Buffer): Promise<UserRow> {
  const id = verifyLinkToken("verify-email", token, linkKey);
  if (!id || !isUuid(id)) throw invalidLink();
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(emailVerifications)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(emailVerifications.id, id),
          isNull(emailVerifications.usedAt),
          gt(emailVerifications.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!link) throw invalidLink();
    const [user] = await tx
      .update(users)
      .set({ emailVerified: true, updatedAt: new Date() })
      .where(and(eq(users.id, link.userId), eq(users.email, link.email)))
      .returning();
    if (!user) throw invalidLink();
    await addToOutbox(tx, createEvent("user.email-verified", { user: userSnapshot(user) }));
    return user;
  });
}
