import { type Executor, TooManyRequestsError } from "@m-ticketing/common";
import { and, eq, sql } from "drizzle-orm";
import { signInFailures } from "../db/schema";

export interface SignUpLimit {
  windowSeconds: number;
  maxPerIp: number;
}

/**
 * Counts a sign-up from this client (IPv4 address or IPv6 /64) before any password is
 * hashed, atomically; past `maxPerIp` in the window it is refused with 429 + Retry-After.
 */
export async function claimSignUp(db: Executor, limit: SignUpLimit, ip: string): Promise<void> {
  const t = signInFailures;
  const expired = sql`${t.windowStartedAt} <= now() - make_interval(secs => ${limit.windowSeconds})`;
  const counted = await db
    .insert(t)
    .values({ kind: "signup", key: ip, failures: 1 })
    .onConflictDoUpdate({
      target: [t.kind, t.key],
      set: {
        failures: sql`case when ${expired} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${t.windowStartedAt} end`,
      },
      where: sql`${expired} or ${t.failures} < ${limit.maxPerIp}`,
    })
    .returning({ failures: t.failures });
  if (counted.length) return;
  const [row] = await db
    .select({
      retryAfter: sql<number>`extract(epoch from ${t.windowStartedAt} + make_interval(secs => ${limit.windowSeconds}) - now())::float8`,
    })
    .from(t)
    .where(and(eq(t.kind, "signup"), eq(t.key, ip)));
  throw new TooManyRequestsError(row?.retryAfter ?? 1, "Too many sign-ups from your network; try again later");
}
