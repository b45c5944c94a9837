// Transactions committed in a set of databases (pg_stat_database), to count how many
// commits one request costs across all the services it sets in motion.
import pg from "pg";
import { pgAdminUrl } from "./infra.mjs";
import { sleep } from "./processes.mjs";

export async function commits(databases) {
  const per = await commitsPerDatabase(databases);
  return Object.values(per).reduce((a, b) => a + b, 0);
}

/** The same count per database (where each commit of an order comes from). */
export async function commitsPerDatabase(databases) {
  // Backends report their counters at transaction end or within a second when idle.
  await sleep(1200);
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select datname, xact_commit::bigint as n from pg_stat_database where datname = any($1)",
      [databases],
    );
    return Object.fromEntries(rows.map((r) => [r.datname, Number(r.n)]));
  } finally {
    await client.end();
  }
}

/**
 * Per table of each database: index and sequential scans, rows inserted, updated and deleted
 * (pg_stat_user_tables; reported by the backends within a second, like the commits above).
 * The difference of two of these, divided by the orders placed, says what one order costs
 * each database (PostgreSQL here has no pg_stat_statements: it is not preloaded).
 */
export async function tableActivity(urls) {
  await sleep(1200);
  const out = {};
  for (const [label, url] of Object.entries(urls)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans, n_tup_ins as ins,
                n_tup_upd as upd, n_tup_del as del from pg_stat_user_tables`,
      );
      for (const r of rows) out[`${label}.${r.relname}`] = [r.scans, r.ins, r.upd, r.del].map(Number);
    } finally {
      await client.end();
    }
  }
  return out;
}

/** "db.table scans/inserts/updates/deletes" per request, for tables that changed. */
export function activityPer(before, after, requests) {
  const out = {};
  for (const [key, values] of Object.entries(after)) {
    const d = values.map((v, i) => (v - (before[key]?.[i] ?? 0)) / Math.max(1, requests));
    if (d.some((x) => x >= 0.05)) out[key] = d.map((x) => Number(x.toFixed(2))).join("/");
  }
  return out;
}
