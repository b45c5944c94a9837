// The business state of the services' databases, for "redelivery changes nothing" (C5):
// every row of every table except the messaging bookkeeping (inbox, outbox, migrations),
// which redelivery may legitimately touch.
const SKIP_TABLES = new Set(["inbox", "outbox", "session_revocations", "__drizzle_migrations"]);
// Written by background housekeeping, not by event handling.
const SKIP_COLUMNS = new Set(["checked_at"]);

export async function snapshot(pools) {
  const out = {};
  for (const [service, db] of Object.entries(pools)) {
    const { rows: tables } = await db.query(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    );
    for (const { table_name: table } of tables) {
      if (SKIP_TABLES.has(table)) continue;
      const { rows } = await db.query(`select * from "${table}" order by 1`);
      out[`${service}.${table}`] = rows.map((row) =>
        JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => !SKIP_COLUMNS.has(k)))),
      );
    }
  }
  return out;
}

/** Rows that differ between two snapshots, as "table: before → after" lines (at most `limit`). */
export function diff(before, after, limit = 5) {
  const lines = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = new Set(before[table] ?? []);
    const b = new Set(after[table] ?? []);
    for (const row of a) if (!b.has(row)) lines.push(`${table}: changed/removed ${row}`);
    for (const row of b) if (!a.has(row)) lines.push(`${table}: new/changed ${row}`);
  }
  return { count: lines.length, lines: lines.slice(0, limit) };
}
