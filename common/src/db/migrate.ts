import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { Client, type ClientConfig, type Pool, type PoolClient } from "pg";

/** Migrations of the tables every service has (outbox, inbox, session_revocations, …). */
export const commonMigrationsFolder = path.join(__dirname, "migrations");

// Any constant works; it only has to be the same for every replica of a service.
const MIGRATION_LOCK_KEY = 7_419_001;

/** Same schema and table layout as drizzle-orm's own migrator, so databases it migrated carry on. */
const MIGRATIONS_SCHEMA = "drizzle";

type Queryable = Pick<PoolClient, "query">;

async function applyFolder(client: Queryable, folder: string, table: string): Promise<void> {
  const qualified = `"${MIGRATIONS_SCHEMA}"."${table}"`;
  await client.query(
    `create table if not exists ${qualified} (id serial primary key, hash text not null, created_at bigint)`,
  );
  const { rows } = await client.query<{ created_at: string }>(
    `select created_at from ${qualified} order by created_at desc limit 1`,
  );
  const last = rows[0] ? Number(rows[0].created_at) : -1;
  for (const migration of readMigrationFiles({ migrationsFolder: folder })) {
    if (migration.folderMillis <= last) continue;
    for (const statement of migration.sql) if (statement.trim()) await client.query(statement);
    await client.query(`insert into ${qualified} (hash, created_at) values ($1, $2)`, [
      migration.hash,
      migration.folderMillis,
    ]);
  }
}

/**
 * Applies the shared migrations, then the service's, in ONE transaction that starts by
 * taking a transaction-scoped advisory lock: replicas that start together migrate one
 * after the other, and nothing session-scoped is left behind, so this works through
 * PgBouncer in transaction mode as well as on a direct connection. A failure rolls
 * everything back (PostgreSQL DDL is transactional).
 *
 * `target`: a pool (one connection is borrowed) or a connection string/config (a client
 * of its own, e.g. DATABASE_DIRECT_URL, without the pool's statement time-out).
 */
export async function runMigrations(target: Pool | string | ClientConfig, serviceMigrationsFolder?: string) {
  const own = typeof target === "string" || !("totalCount" in target);
  let client: Queryable & { release?: (err?: boolean) => void };
  let ownClient: Client | undefined;
  if (own) {
    ownClient = new Client(typeof target === "string" ? { connectionString: target } : target);
    ownClient.on("error", () => {});
    await ownClient.connect();
    client = ownClient;
  } else {
    client = await (target as Pool).connect();
  }
  let failed = false;
  try {
    await client.query("begin");
    // Migrations may legitimately take longer than a request's statement time-out.
    await client.query("set local statement_timeout = 0");
    await client.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`create schema if not exists "${MIGRATIONS_SCHEMA}"`);
    await applyFolder(client, commonMigrationsFolder, "__common_migrations");
    if (serviceMigrationsFolder) await applyFolder(client, serviceMigrationsFolder, "__service_migrations");
    await client.query("commit");
  } catch (err) {
    failed = true;
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    if (ownClient) await ownClient.end().catch(() => {});
    else client.release?.(failed);
  }
}
