import { addToOutbox, BadRequestError, createEvent, NotAuthorizedError } from "@m-ticketing/common";
import { eq, sql } from "drizzle-orm";
import type { AuthDatabase } from "../db";
import { type UserRow, users } from "../db/schema";
import { hashPassword, verifyPassword } from "./passwords";
import { claimSignInAttempt, forgiveSignInAttempt, type SignInLimits } from "./sign-in-limits";
import { announceRevocation } from "./sign-out";
import { userSnapshot } from "./user-events";

export interface ChangePasswordInput {
  userId: string;
  currentPassword: string;
  newPassword: string;
  ip: string;
}

/**
 * Replaces the password and signs out every session of the user: the token version goes
 * up and `user.sessions-revoked` is published through the outbox in the same transaction,
 * so every service refuses the older tokens. The caller re-issues the current session
 * with the new version. A wrong current password counts as a failed sign-in, so a stolen
 * session cannot be used to guess the password.
 */
export async function changePassword(
  db: AuthDatabase,
  input: ChangePasswordInput,
  settings: { limits: SignInLimits; scryptLogN: number; jwtKey: string },
): Promise<UserRow> {
  const [current] = await db.select().from(users).where(eq(users.id, input.userId));
  if (!current) throw new NotAuthorizedError();
  if (!current.passwordHash) {
    throw new BadRequestError("This account has no password; it signs in with Google", "currentPassword");
  }
  const keys = { ip: input.ip, account: current.email };
  await claimSignInAttempt(db, settings.limits, keys);
  if (!(await verifyPassword(input.currentPassword, current.passwordHash))) {
    throw new BadRequestError("Current password is incorrect", "currentPassword");
  }
  if (input.newPassword === input.currentPassword) {
    throw new BadRequestError("New password must be different from the current one", "newPassword");
  }
  const passwordHash = await hashPassword(input.newPassword, settings.scryptLogN);

  return db.transaction(async (tx) => {
    // Only if nothing changed the password meanwhile (a concurrent change must not be overwritten
    // by one that checked the old password).
    const [user] = await tx
      .update(users)
      .set({ passwordHash, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: new Date() })
      .where(sql`${users.id} = ${input.userId} and ${users.passwordHash} = ${current.passwordHash}`)
      .returning();
    if (!user) throw new BadRequestError("Current password is incorrect", "currentPassword");
    await announceRevocation(tx, settings.jwtKey, { userId: user.id, tokenVersion: user.tokenVersion });
    await addToOutbox(tx, createEvent("user.password-changed", { user: userSnapshot(user), how: "changed" }));
    await forgiveSignInAttempt(tx, keys);
    return user;
  });
}
