// Watching a service's database from the outside: a trigger NOTIFYs the row id on a
// channel of ours and we LISTEN. PostgreSQL delivers a notification when the writing
// transaction commits, so its arrival is the moment the row became visible to everyone,
// measured on this process's clock. Installed only in the harness's own databases.
import pg from "pg";

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * @param {string} url database
 * @param {{ table: string, channel: string, on?: "insert" | "update", when?: string }} spec
 *   when: an SQL condition on NEW/OLD for the trigger (e.g. "NEW.status = 'cancelled'")
 * @returns {Promise<{ seen: Map<string, number>, waitFor(ids: string[], timeoutMs: number): Promise<number>, close(): Promise<void> }>}
 *   seen: id → performance.now() at arrival (the first arrival of each id)
 */
export async function watchRows(url, { table, channel, on = "insert", when }) {
  if (!IDENT.test(table) || !IDENT.test(channel)) throw new Error("bad identifier");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seen = new Map();
  client.on("notification", (msg) => {
    if (msg.channel === channel && !seen.has(msg.payload)) seen.set(msg.payload, performance.now());
  });
  await client.query(`listen ${channel}`);
  await client.query(`
    create or replace function ${channel}_notify() returns trigger language plpgsql as $$
    begin perform pg_notify('${channel}', NEW.id::text); return NEW; end $$;
    drop trigger if exists ${channel}_trigger on ${table};
    create trigger ${channel}_trigger after ${on} on ${table} for each row
      ${when ? `when (${when})` : ""} execute function ${channel}_notify();`);
  return {
    seen,
    /** Resolves with how many of `ids` have been seen once all have or the time is up. */
    async waitFor(ids, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline && ids.some((id) => !seen.has(id)))
        await new Promise((r) => setTimeout(r, 50));
      return ids.filter((id) => seen.has(id)).length;
    },
    async close() {
      await client.query(`drop trigger if exists ${channel}_trigger on ${table}`).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
