import type { Executor } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { type UserRow, users } from "../db/schema";

/** What clients and other services see of a user: never the password hash or Google link. */
export interface PublicUser {
  id: string;
  name: string;
  email: string;
  /** Proved by a mailed link (or Google): needed to list tickets. */
  emailVerified: boolean;
  photoUrl: string | null;
  jobTitle: string | null;
  phone: string | null;
  createdAt: string;
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    emailVerified: row.emailVerified,
    photoUrl: row.photoUrl,
    jobTitle: row.jobTitle,
    phone: row.phone,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Emails are compared trimmed and case-insensitively; we store them in this form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and tokens; anything but a UUID would be a database error, not "nobody". */
export const isUuid = (id: string) => UUID.test(id);

/** A user by id; ids that are not UUIDs simply find nobody. */
export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row;
}

/** PostgreSQL's unique_violation on the named index (drizzle wraps driver errors in `cause`). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (e.code === "23505") return e.constraint === constraint;
  }
  return false;
}
