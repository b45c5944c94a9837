import { addToOutbox, ConflictError, createEvent } from "@m-ticketing/common";
import type { AuthDatabase } from "../db";
import { type UserRow, users } from "../db/schema";
import { requestEmailVerification } from "./email-verification";
import { hashPassword } from "./passwords";
import { userSnapshot } from "./user-events";
import { isUniqueViolation, normaliseEmail } from "./users";

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

/**
 * Creates a password account. The unique index on the normalised email decides between
 * concurrent sign-ups with the same address: exactly one wins, the others get 409. The new
 * account is unverified: `user.created` and a verification request go out with it.
 */
export async function signUp(db: AuthDatabase, input: SignUpInput, scryptLogN: number): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password, scryptLogN);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: normaliseEmail(input.email), passwordHash })
        .returning();
      // Notifications learns the user and mails the "verify your address" link.
      await addToOutbox(tx, createEvent("user.created", { user: userSnapshot(user!) }));
      await requestEmailVerification(tx, user!);
      return user!;
    });
  } catch (err) {
    if (isUniqueViolation(err, "users_email_idx")) throw new ConflictError("Email is already in use", "email");
    throw err;
  }
}
