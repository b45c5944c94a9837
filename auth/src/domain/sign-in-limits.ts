import { type Executor, TooManyRequestsError } from "@m-ticketing/common";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { signInFailures } from "../db/schema";

export interface SignInLimits {
  /** Length of the fixed window failures are counted in. */
  windowSeconds: number;
  maxPerAccount: number;
  maxPerIp: number;
}

/** Who is trying: the client address and the account (normalised email, existing or not). */
export interface SignInKeys {
  ip: string;
  account: string;
}

/**
 * Refuses (429 with Retry-After) while the address or the account has used up its failed
 * attempts in the current window, even with the right password: otherwise guessing would
 * simply continue. Checked before the password, recorded after; concurrent guesses can
 * overshoot the limit by the number in flight, which the cost of scrypt keeps small.
 */
export async function assertSignInAllowed(db: Executor, limits: SignInLimits, keys: SignInKeys): Promise<void> {
  const rows = await db
    .select({
      kind: signInFailures.kind,
      failures: signInFailures.failures,
      // Computed by the database so every replica uses the same clock.
      retryAfter: sql<number>`extract(epoch from ${signInFailures.windowStartedAt} + make_interval(secs => ${limits.windowSeconds}) - now())::float8`,
    })
    .from(signInFailures)
    .where(
      or(
        and(eq(signInFailures.kind, "ip"), eq(signInFailures.key, keys.ip)),
        and(eq(signInFailures.kind, "account"), eq(signInFailures.key, keys.account)),
      ),
    );
  let retryAfter = 0;
  for (const row of rows) {
    const max = row.kind === "ip" ? limits.maxPerIp : limits.maxPerAccount;
    if (row.failures >= max && row.retryAfter > 0) retryAfter = Math.max(retryAfter, row.retryAfter);
  }
  if (retryAfter > 0) throw new TooManyRequestsError(retryAfter, "Too many failed sign-in attempts; try again later");
}

/** Counts one failure for the address and the account; a window that has passed starts over. */
export async function recordSignInFailure(db: Executor, limits: SignInLimits, keys: SignInKeys): Promise<void> {
  const expired = sql`${signInFailures.windowStartedAt} <= now() - make_interval(secs => ${limits.windowSeconds})`;
  await db
    .insert(signInFailures)
    .values([
      { kind: "ip", key: keys.ip, failures: 1 },
      { kind: "account", key: keys.account, failures: 1 },
    ])
    .onConflictDoUpdate({
      target: [signInFailures.kind, signInFailures.key],
      set: {
        failures: sql`case when ${expired} then 1 else ${signInFailures.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${signInFailures.windowStartedAt} end`,
      },
    });
}

/**
 * A successful sign-in forgives the account's earlier typos. The address keeps its count:
 * otherwise an attacker could reset it by signing in to an account of their own.
 */
export async function forgiveAccountFailures(db: Executor, account: string): Promise<void> {
  await db.delete(signInFailures).where(and(eq(signInFailures.kind, "account"), eq(signInFailures.key, account)));
}

/** Drops counters whose window has passed (they no longer limit anything). */
export async function pruneSignInFailures(db: Executor, windowSeconds: number): Promise<number> {
  const deleted = await db
    .delete(signInFailures)
    .where(lt(signInFailures.windowStartedAt, sql`now() - make_interval(secs => ${windowSeconds})`))
    .returning({ key: signInFailures.key });
  return deleted.length;
}
