import { getTableColumns, lt, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./database";

/**
 * The one rule for a replica of another service's state: "newer version wins". The row is
 * inserted, or the stored one takes the given columns only if `row`'s version is higher
 * than its own. Events that carry the whole state (or the whole part they change) with a
 * version then end in the newest state in any arrival order, without waiting for gaps.
 * Returns whether the row was written (false: what is stored is as new or newer).
 */
export async function upsertNewerVersion<T extends PgTable>(
  tx: Executor,
  table: T,
  row: T["$inferInsert"],
  keys: { id: PgColumn; version: PgColumn },
): Promise<boolean> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const excluded = (column: PgColumn) => sql.raw(`excluded."${column.name}"`);
  const set: Record<string, SQL> = {};
  for (const key of Object.keys(row)) {
    const column = columns[key];
    if (column && column !== keys.id) set[key] = excluded(column);
  }
  const written = await tx
    .insert(table)
    .values(row)
    .onConflictDoUpdate({ target: keys.id, set, setWhere: lt(keys.version, excluded(keys.version)) })
    .returning({ id: keys.id });
  return written.length > 0;
}
