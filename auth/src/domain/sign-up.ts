import { ConflictError } from "@m-ticketing/common";
import type { AuthDatabase } from "../db";
import { type UserRow, users } from "../db/schema";
import { hashPassword } from "./passwords";
import { isUniqueViolation, normaliseEmail } from "./users";

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

/**
 * Creates a password account. The unique index on the normalised email decides between
 * concurrent sign-ups with the same address: exactly one wins, the others get 409.
 */
export async function signUp(db: AuthDatabase, input: SignUpInput, scryptLogN: number): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password, scryptLogN);
  try {
    const [user] = await db
      .insert(users)
      .values({ name: input.name, email: normaliseEmail(input.email), passwordHash })
      .returning();
    return user!;
  } catch (err) {
    if (isUniqueViolation(err, "users_email_idx")) throw new ConflictError("Email is already in use", "email");
    throw err;
  }
}
