import { addToOutbox, createEvent } from "@m-ticketing/common";
import { eq, sql } from "drizzle-orm";
import type { AuthDatabase } from "../db";
import { type UserRow, users } from "../db/schema";
import { type GoogleIdentity, GoogleSignInError } from "../integrations/google";
import { announceRevocation } from "./sign-out";
import { userSnapshot } from "./user-events";
import { isUniqueViolation, normaliseEmail } from "./users";

/**
 * Finds or creates the user for a verified Google identity, linked by Google's subject id.
 *
 * An existing password account with the same, never verified, email is linked to the
 * Google account, and its password and sessions are revoked: whoever registered the
 * address first cannot have proven they own it, while Google has. Without this, someone
 * could sign up with a victim's email, wait for the victim to use Google sign-in, and keep
 * a working password to the victim's account.
 */
export async function signInWithGoogle(db: AuthDatabase, identity: GoogleIdentity, jwtKey: string): Promise<UserRow> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => linkOrCreate(tx, identity, jwtKey));
    } catch (err) {
      // Two first sign-ins at once: one inserted, the other finds that user on its retry.
      const raced = isUniqueViolation(err, "users_google_sub_idx") || isUniqueViolation(err, "users_email_idx");
      if (!raced || attempt >= 3) throw err;
    }
  }
}

type Tx = Parameters<Parameters<AuthDatabase["transaction"]>[0]>[0];

async function linkOrCreate(tx: Tx, identity: GoogleIdentity, jwtKey: string): Promise<UserRow> {
  const [linked] = await tx.select().from(users).where(eq(users.googleSub, identity.sub));
  if (linked) return linked;

  const email = normaliseEmail(identity.email);
  const [existing] = await tx.select().from(users).where(eq(users.email, email)).for("update");
  if (!existing) {
    const [created] = await tx
      .insert(users)
      .values({ name: identity.name, email, emailVerified: true, googleSub: identity.sub })
      .returning();
    await addToOutbox(tx, createEvent("user.created", { user: userSnapshot(created!) }));
    return created!;
  }
  if (existing.googleSub || existing.emailVerified) {
    // The address was proven by another Google account (Google recycled it, or it moved):
    // taking that account over on the word of a second one would be the same hole again.
    throw new GoogleSignInError("google_account_conflict", "the email belongs to an account linked elsewhere");
  }
  const [claimed] = await tx
    .update(users)
    .set({
      googleSub: identity.sub,
      emailVerified: true,
      passwordHash: null,
      tokenVersion: sql`${users.tokenVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, existing.id))
    .returning();
  await announceRevocation(tx, jwtKey, { userId: claimed!.id, tokenVersion: claimed!.tokenVersion });
  // The owner of the address is told a Google account now signs in to it.
  await addToOutbox(tx, createEvent("user.google-linked", { user: userSnapshot(claimed!) }));
  return claimed!;
}
