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

/**
 * Every statement run in these databases, when the server preloads pg_stat_statements
 * (`shared_preload_libraries`; the view is created in the admin database): calls and
 * server time per statement, keyed by database and statement. Null where it is not
 * loaded (the tables above still tell). No wait as above: a statement is counted when it ends.
 */
export async function statementActivity(databases) {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    const loaded = await client.query(
      "select 1 from pg_settings where name = 'shared_preload_libraries' and setting like '%pg_stat_statements%'",
    );
    if (loaded.rowCount === 0) return null;
    await client.query("create extension if not exists pg_stat_statements");
    const { rows } = await client.query(
      `select d.datname, s.query, s.calls::bigint as calls, s.total_exec_time + s.total_plan_time as ms
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = any($1)`,
      [databases],
    );
    const out = {};
    for (const r of rows) {
      const key = `${r.datname}\u0000${r.query}`;
      const [calls, ms] = out[key] ?? [0, 0];
      out[key] = [calls + Number(r.calls), ms + Number(r.ms)];
    }
    return out;
  } finally {
    await client.end();
  }
}

/**
 * Statements per request from two `statementActivity` snapshots: per database the count and
 * the server's time (execution, plus planning with `pg_stat_statements.track_planning`; the
 * protocol's parsing and the commits are not in it), and the statements, most called first.
 */
export function statementsPer(before, after, requests, prefix) {
  if (!before || !after) return null;
  const byDatabase = {};
  const statements = [];
  for (const [key, [calls, ms]] of Object.entries(after)) {
    const [b0, m0] = before[key] ?? [0, 0];
    const n = (calls - b0) / Math.max(1, requests);
    if (n < 0.05) continue;
    const [datname, query] = key.split("\u0000");
    const db = datname.replace(`${prefix}_`, "");
    const t = (ms - m0) / Math.max(1, requests);
    byDatabase[db] ??= { statements: 0, ms: 0 };
    byDatabase[db].statements += n;
    byDatabase[db].ms += t;
    statements.push({
      db,
      perRequest: Number(n.toFixed(2)),
      ms: Number(t.toFixed(3)),
      query: query.replace(/\s+/g, " ").slice(0, 160),
    });
  }
  for (const v of Object.values(byDatabase)) {
    v.statements = Number(v.statements.toFixed(1));
    v.ms = Number(v.ms.toFixed(2));
  }
  statements.sort((a, b) => b.perRequest - a.perRequest);
  return { byDatabase, statements };
}
