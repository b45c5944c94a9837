import type { Executor } from "@m-ticketing/common";
import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** Beyond this many matches a total is reported as "at least this many". */
export const TOTAL_CAP = 1000;

/**
 * How many rows of `table` match `where`, counted up to TOTAL_CAP: the count stops early,
 * so a request never counts every row of a large table (`totalCapped` says there are more).
 */
export async function cappedCount(
  db: Executor,
  table: PgTable,
  where: SQL | undefined,
): Promise<{ total: number; totalCapped: boolean }> {
  const filter = where ? sql`where ${where}` : sql``;
  const counted = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${table} ${filter} limit ${TOTAL_CAP + 1}) capped`,
  );
  const n = Number(counted.rows[0]?.n ?? 0);
  return { total: Math.min(n, TOTAL_CAP), totalCapped: n > TOTAL_CAP };
}
