import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import { Pool, type PoolConfig } from "pg";

// biome-ignore lint/suspicious/noExplicitAny: shared code works with any service's schema
export type AnyDatabase = PgDatabase<any, any, any>;
/** A database handle or an open transaction: what code that writes through the outbox takes. */
export type Executor = AnyDatabase;

export interface Database<TSchema extends Record<string, unknown>> {
  pool: Pool;
  db: NodePgDatabase<TSchema>;
  close(): Promise<void>;
}

export function createDatabase<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  options: PoolConfig = {},
): Database<TSchema> {
  const pool = new Pool({ connectionString: url, max: 20, ...options });
  // A client that loses its server (restart, failover) must not crash the process: its
  // queries fail and are retried by their callers; the pool replaces the connection.
  const ignore = () => {};
  pool.on("error", ignore);
  pool.on("connect", (client) => client.on("error", ignore));
  const db = drizzle(pool, { schema });
  return { pool, db, close: () => pool.end() };
}
