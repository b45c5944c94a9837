import { type Executor, TooManyRequestsError } from "@m-ticketing/common";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { signInFailures } from "../db/schema";

export interface SignInLimits {
  /** Length of the window attempts are counted in. */
  windowSeconds: number;
  /** Attempts on one account from one address per window (the guesser is refused, not the owner). */
  maxPerAccount: number;
  maxPerIp: number;
  /** Longest wait between attempts on an account that has had `maxPerAccount` failures from anywhere. */
  maxAccountDelaySeconds: number;
}

/** Who is trying: the client address and the account (normalised email, existing or not). */
export interface SignInKeys {
  ip: string;
  account: string;
}

type Kind = "ip" | "pair" | "account";

/**
 * Counts one attempt, atomically, BEFORE the password is checked, so 40 parallel guesses
 * cannot all be checked against a limit of 10. Three counters:
 * - `ip`: attempts from one address (any accounts) per window: a hard limit on the guesser;
 * - `pair`: attempts on one account from one address per window: also a hard limit;
 * - `account`: attempts on the account from everywhere. Past `maxPerAccount` they are not
 *   refused for the window (that would lock the owner out: anyone could keep an account
 *   locked by guessing) but spaced out: each further attempt waits 1, 2, 4 … seconds after
 *   the previous one, up to `maxAccountDelaySeconds`. The owner waits seconds at most.
 * Throws 429 with Retry-After when a counter refuses. A success refunds the attempt.
 */
export async function claimSignInAttempt(db: Executor, limits: SignInLimits, keys: SignInKeys): Promise<void> {
  for (const kind of ["ip", "pair", "account"] as const) {
    const retryAfter = await claim(db, limits, kind, keyOf(kind, keys));
    if (retryAfter !== null) {
      throw new TooManyRequestsError(retryAfter, "Too many sign-in attempts; try again later");
    }
  }
}

function keyOf(kind: Kind, keys: SignInKeys): string {
  return kind === "ip" ? keys.ip : kind === "account" ? keys.account : `${keys.account} ${keys.ip}`;
}

/** Counts the attempt if the counter allows it; otherwise the seconds until it will (null: counted). */
async function claim(db: Executor, limits: SignInLimits, kind: Kind, key: string): Promise<number | null> {
  const max = kind === "ip" ? limits.maxPerIp : limits.maxPerAccount;
  const t = signInFailures;
  const window = sql`make_interval(secs => ${limits.windowSeconds})`;
  const expired = sql`${t.windowStartedAt} <= now() - ${window}`;
  // For `account`, window_started_at is the time of the latest attempt (a sliding window).
  const delay = sql`make_interval(secs => least(power(2, ${t.failures} - ${max}), ${limits.maxAccountDelaySeconds}))`;
  const allowed =
    kind === "account"
      ? sql`${expired} or ${t.failures} < ${max} or ${t.windowStartedAt} + ${delay} <= now()`
      : sql`${expired} or ${t.failures} < ${max}`;
  const counted = await db
    .insert(t)
    .values({ kind, key, failures: 1 })
    .onConflictDoUpdate({
      target: [t.kind, t.key],
      set: {
        failures: sql`case when ${expired} then 1 else ${t.failures} + 1 end`,
        windowStartedAt:
          kind === "account" ? sql`now()` : sql`case when ${expired} then now() else ${t.windowStartedAt} end`,
      },
      where: allowed,
    })
    .returning({ failures: t.failures });
  if (counted.length) return null;
  // Computed by the database so every replica uses the same clock.
  const until = kind === "account" ? sql`${t.windowStartedAt} + ${delay}` : sql`${t.windowStartedAt} + ${window}`;
  const [row] = await db
    .select({ retryAfter: sql<number>`extract(epoch from ${until} - now())::float8` })
    .from(t)
    .where(and(eq(t.kind, kind), eq(t.key, key)));
  return Math.max(1, row?.retryAfter ?? 1);
}

/**
 * The password was right: the account's and the pair's attempts are forgiven, and the
 * address gets this attempt back (only failures count against an address, and an attacker
 * must not reset its count by signing in to an account of its own).
 */
export async function forgiveSignInAttempt(db: Executor, keys: SignInKeys): Promise<void> {
  const t = signInFailures;
  await db
    .delete(t)
    .where(
      or(and(eq(t.kind, "account"), eq(t.key, keys.account)), and(eq(t.kind, "pair"), eq(t.key, keyOf("pair", keys)))),
    );
  await db
    .update(t)
    .set({ failures: sql`greatest(${t.failures} - 1, 0)` })
    .where(and(eq(t.kind, "ip"), eq(t.key, keys.ip)));
}

/** Drops counters whose window has passed (they no longer limit anything). */
export async function pruneSignInFailures(db: Executor, windowSeconds: number): Promise<number> {
  const deleted = await db
    .delete(signInFailures)
    .where(lt(signInFailures.windowStartedAt, sql`now() - make_interval(secs => ${windowSeconds})`))
    .returning({ key: signInFailures.key });
  return deleted.length;
}
