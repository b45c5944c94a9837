import {
  addToOutbox,
  BadRequestError,
  createEvent,
  type Executor,
  TooManyRequestsError,
  verifyLinkToken,
} from "@m-ticketing/common";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { passwordResetRequests, passwordResets, type UserRow, users } from "../db/schema";
import { hashPassword } from "./passwords";
import { announceRevocation } from "./sign-out";
import { userSnapshot } from "./user-events";
import { findUserByEmail, isUuid } from "./users";

/** A reset link works for an hour. */
export const RESET_TTL_SECONDS = 3600;

export interface ResetLimits {
  /** Requests per client address per hour before 429 (the same answer whatever the email). */
  perIpPerHour: number;
  /** Links mailed per account per hour; further requests are answered alike but send nothing. */
  perAccountPerHour: number;
}

/**
 * "Forgot password": when the address belongs to an account, a single-use reset (1 h) and
 * `user.password-reset-requested` naming it; notifications mails the signed link. The caller
 * answers the same whether or not anything was sent, so the endpoint reveals no accounts.
 */
export async function requestPasswordReset(db: Executor, email: string, ip: string, limits: ResetLimits) {
  const hourAgo = sql`now() - interval '1 hour'`;
  const [fromIp] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(passwordResetRequests)
    .where(and(eq(passwordResetRequests.ip, ip), gt(passwordResetRequests.requestedAt, hourAgo)));
  if ((fromIp?.count ?? 0) >= limits.perIpPerHour) {
    throw new TooManyRequestsError(3600, "Too many password reset requests; try again later");
  }
  await db.insert(passwordResetRequests).values({ ip });

  const user = await findUserByEmail(db, email);
  if (!user) return;
  await db.transaction(async (tx) => {
    // Serialises concurrent requests for one account, so the per-account limit holds.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
    const [recent] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, hourAgo)));
    if ((recent?.count ?? 0) >= limits.perAccountPerHour) return;
    const [reset] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, expiresAt: sql`now() + make_interval(secs => ${RESET_TTL_SECONDS})` })
      .returning();
    await addToOutbox(
      tx,
      createEvent("user.password-reset-requested", {
        user: userSnapshot(user),
        resetId: reset!.id,
        expiresAt: reset!.expiresAt.toISOString(),
      }),
    );
  });
}

const invalidLink = () =>
  new BadRequestError("This reset link is invalid, expired or already used; ask for a new one", "token");

/**
 * Sets a new password from a mailed reset token. In one transaction: the link is used up (and
 * every other open link of the user with it), the password replaced, the token version bumped
 * so every existing session is signed out everywhere (`user.sessions-revoked`), and
 * `user.password-changed` published so the owner hears of it. The caller signs this browser in.
 * Completing a reset also proves the address, so it counts as verifying it.
 */
export async function resetPassword(
  db: Executor,
  input: { token: unknown; password: string },
  settings: { linkKey: Buffer; scryptLogN: number; jwtKey: string },
): Promise<UserRow> {
  const id = verifyLinkToken("password-reset", input.token, settings.linkKey);
  if (!id || !isUuid(id)) throw invalidLink();
  const passwordHash = await hashPassword(input.password, settings.scryptLogN);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning();
    if (!link) throw invalidLink();
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, link.userId), isNull(passwordResets.usedAt)));
    const [user] = await tx
      .update(users)
      .set({ passwordHash, emailVerified: true, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, link.userId))
      .returning();
    if (!user) throw invalidLink();
    await announceRevocation(tx, settings.jwtKey, { userId: user.id, tokenVersion: user.tokenVersion });
    await addToOutbox(tx, createEvent("user.password-changed", { user: userSnapshot(user), how: "reset" }));
    return user;
  });
}

/** Forgets reset requests older than a day (they no longer count towards any limit). */
export async function prunePasswordResetRequests(db: Executor): Promise<void> {
  await db.delete(passwordResetRequests).where(lt(passwordResetRequests.requestedAt, sql`now() - interval '1 day'`));
}
