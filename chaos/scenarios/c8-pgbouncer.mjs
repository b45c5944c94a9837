// C8: every service's DATABASE_URL goes through PgBouncer in TRANSACTION mode (issue 19,
// finding 4), with no DATABASE_DIRECT_URL: migrations and the outbox's LISTEN go through
// the pooler too, the hardest case. Three replicas of each service start at the same
// moment, traffic runs, and PgBouncer is restarted (immediate shutdown: every client
// connection dropped) in the middle of it.
// Pass: every replica started; each migration applied exactly once per database; no
// advisory lock left behind (a direct session can take the migration lock at once);
// every outbox row published (by NOTIFY when it happens to arrive, else by the relay's
// sweep) and the consistency check clean.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { sleep } from "../../bench/lib/processes.mjs";
import { ROOT } from "../../bench/lib/stack.mjs";
import { ownPgbouncer } from "../lib/pgbouncer.mjs";
import { runTraffic } from "../lib/traffic.mjs";

/** Same key as common/src/db/migrate.ts. */
const MIGRATION_LOCK_KEY = 7_419_001;

export const C8_OPTIONS = {
  pooler: (dir) => ownPgbouncer(dir),
  poolerDirect: false,
  replicas: { auth: 3, tickets: 3, orders: 3, payments: 3, expiration: 1 },
};

/** Migration files the running build applies (its dist copy; the sources when not built apart). */
const migrationCount = (folder) => {
  const built = join(ROOT, folder.replace("/src/", "/dist/"));
  return readdirSync(existsSync(built) ? built : join(ROOT, folder)).filter((f) => f.endsWith(".sql")).length;
};

/** Problems with the migration bookkeeping of one database: a migration missing or recorded twice. */
async function migrationProblems(pool, service) {
  const problems = [];
  const tables = [
    ["__common_migrations", migrationCount("common/src/db/migrations")],
    ["__service_migrations", migrationCount(`${service}/src/db/migrations`)],
  ];
  for (const [table, expected] of tables) {
    const { rows } = await pool.query(
      `select count(*)::int as n, count(distinct hash)::int as distinct_n from drizzle."${table}"`,
    );
    const { n, distinct_n: distinctN } = rows[0];
    if (n !== expected || distinctN !== expected)
      problems.push(`${service} ${table}: ${n} rows (${distinctN} distinct) for ${expected} migration files`);
  }
  return problems;
}

/** Holders of the migration lock on the database, and whether a direct session can take it at once. */
async function leakedLocks(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = 0 and objid = $1 and objsubid = 1
         and database = (select oid from pg_database where datname = current_database())`,
      [MIGRATION_LOCK_KEY],
    );
    const taken = (await client.query("select pg_try_advisory_lock($1) as ok", [MIGRATION_LOCK_KEY])).rows[0].ok;
    if (taken) await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    return { held: rows[0].n, migrationLockFree: taken };
  } finally {
    await client.end();
  }
}

export async function c8Pgbouncer(stack, note, { seconds = 20, restartAt = 8, downMs = 1500, workers = 8 } = {}) {
  const failures = [];
  const withDb = ["auth", "tickets", "orders", "payments"].filter((s) => stack.instances.some((i) => i.name === s));
  const started = stack.instances.filter((i) => withDb.includes(i.name)).map((i) => `${i.name}#${i.index}`);
  note(`behind PgBouncer (transaction mode, no direct URL): ${started.length} replicas started together`);
  for (const service of withDb) failures.push(...(await migrationProblems(stack.pool(service), service)));

  const traffic = runTraffic(stack, { seconds, workers });
  await sleep(restartAt * 1000);
  await stack.pooler.stop("SIGTERM");
  await sleep(downMs);
  await stack.pooler.start();
  note(`PgBouncer restarted (immediate shutdown, ${downMs} ms down) after ${traffic.stats.ordersPlaced} orders`);
  const stats = await traffic.done;
  note(
    `traffic: ${stats.ticketsCreated} tickets, ${stats.ordersPlaced} orders (${stats.paid} paid, ${stats.cancelled} cancelled, ${stats.left} left to expire); failures ${JSON.stringify(stats.failures)}`,
  );
  if (stats.ordersPlaced === 0) failures.push("no order was placed");
  stack.afterConsistent = async () => {
    const problems = [];
    for (const service of withDb) {
      const { held, migrationLockFree } = await leakedLocks(stack.databaseUrl(service));
      if (held > 0) problems.push(`${service}: ${held} session(s) still hold the migration lock after the run`);
      if (!migrationLockFree) problems.push(`${service}: the migration lock cannot be taken on a direct connection`);
    }
    note(
      problems.length
        ? problems.join("; ")
        : "the migration lock is free on every database (nothing leaked onto a pooled connection)",
    );
    return problems;
  };
  return failures;
}
