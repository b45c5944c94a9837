import { BadRequestError } from "@m-ticketing/common";
import { and, eq } from "drizzle-orm";
import type { AuthDatabase } from "../db";
import { type UserRow, users } from "../db/schema";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./passwords";
import { claimSignInAttempt, forgiveSignInAttempt, type SignInLimits } from "./sign-in-limits";
import { findUserByEmail, normaliseEmail } from "./users";

export interface SignInAttempt {
  email: string;
  password: string;
  ip: string;
}

export interface SignInSettings {
  limits: SignInLimits;
  scryptLogN: number;
}

/**
 * Checks email and password. Unknown emails, accounts without a password and wrong
 * passwords all get the same answer after the same amount of work, so the answer does
 * not tell which emails have an account. Every attempt is counted before the password is
 * checked; a success is forgiven, so only failures count towards the rate limits.
 */
export async function signIn(db: AuthDatabase, attempt: SignInAttempt, settings: SignInSettings): Promise<UserRow> {
  const keys = { ip: attempt.ip, account: normaliseEmail(attempt.email) };
  await claimSignInAttempt(db, settings.limits, keys);

  const user = await findUserByEmail(db, attempt.email);
  const valid = user?.passwordHash
    ? await verifyPassword(attempt.password, user.passwordHash)
    : await verifyAgainstDummy(attempt.password, settings.scryptLogN);
  if (!user || !valid) throw new BadRequestError("Invalid credentials");

  await forgiveSignInAttempt(db, keys);
  if (user.passwordHash && needsRehash(user.passwordHash, settings.scryptLogN)) {
    // Upgrade to the current cost while we hold the plain password (only if it is unchanged meanwhile).
    const passwordHash = await hashPassword(attempt.password, settings.scryptLogN);
    await db
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
  }
  return user;
}
