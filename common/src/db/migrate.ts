import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Pool } from "pg";

/** Migrations of the tables every service has (outbox, inbox, session_revocations). */
export const commonMigrationsFolder = path.join(__dirname, "migrations");

// Any constant works; it only has to be the same for every replica of a service.
const MIGRATION_LOCK_KEY = 7_419_001;

/**
 * Applies the shared migrations, then the service's, holding a Postgres advisory lock
 * so replicas that start together migrate one after the other.
 */
export async function runMigrations(pool: Pool, serviceMigrationsFolder?: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: commonMigrationsFolder, migrationsTable: "__common_migrations" });
    if (serviceMigrationsFolder) {
      await migrate(db, { migrationsFolder: serviceMigrationsFolder, migrationsTable: "__service_migrations" });
    }
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    client.release();
  }
}
