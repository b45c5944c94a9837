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
