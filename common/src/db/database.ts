import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import { Pool, type PoolConfig } from "pg";
import { isTransientInfrastructureError } from "./errors";

// biome-ignore lint/suspicious/noExplicitAny: shared code works with any service's schema
export type AnyDatabase = PgDatabase<any, any, any>;
/** A database handle or an open transaction: what code that writes through the outbox takes. */
export type Executor = AnyDatabase;

export interface Database<TSchema extends Record<string, unknown>> {
  pool: Pool;
  db: NodePgDatabase<TSchema>;
  close(): Promise<void>;
}

/** Connection settings of a service's pool (environment variables in parentheses). */
export interface PoolSettings {
  /** Connections per replica (DATABASE_POOL_MAX). Replicas × this must stay below the server's limit. */
  max: number;
  /** Give up opening a connection after this long (DATABASE_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs: number;
  /**
   * Server-side `statement_timeout` (DATABASE_STATEMENT_TIMEOUT_MS); the client gives up
   * one second later, which is what turns a frozen server into a fast error. 0 = none.
   */
  statementTimeoutMs: number;
  /** Server-side `idle_in_transaction_session_timeout` (DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS). 0 = none. */
  idleInTransactionTimeoutMs: number;
  /** Close pooled connections idle for this long (DATABASE_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /**
   * Send `statement_timeout` and `idle_in_transaction_session_timeout` as start-up
   * parameters (DATABASE_SESSION_SETTINGS). PgBouncer refuses unknown start-up
   * parameters: behind it set them on the role (ALTER ROLE … SET) and turn this off.
   */
  sessionSettings: boolean;
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  max: 10,
  connectTimeoutMs: 3000,
  statementTimeoutMs: 5000,
  idleInTransactionTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  sessionSettings: true,
};

/** pg's pool options for `settings`: time-outs on every step and TCP keepalive. */
export function poolConfig(url: string, settings: Partial<PoolSettings> = {}): PoolConfig {
  const s = { ...DEFAULT_POOL_SETTINGS, ...settings };
  return {
    connectionString: url,
    max: s.max,
    connectionTimeoutMillis: s.connectTimeoutMs,
    idleTimeoutMillis: s.idleTimeoutMs,
    // A server that vanished without a FIN (node lost, network partition) is noticed by
    // the kernel's keepalive probes instead of hanging a connection forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(s.statementTimeoutMs > 0 ? { query_timeout: s.statementTimeoutMs + 1000 } : {}),
    ...(s.sessionSettings && s.statementTimeoutMs > 0 ? { statement_timeout: s.statementTimeoutMs } : {}),
    ...(s.sessionSettings && s.idleInTransactionTimeoutMs > 0
      ? { idle_in_transaction_session_timeout: s.idleInTransactionTimeoutMs }
      : {}),
  };
}

export function createDatabase<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  options: Partial<PoolSettings> & { pool?: PoolConfig } = {},
): Database<TSchema> {
  const { pool: extra, ...settings } = options;
  const pool = new Pool({ ...poolConfig(url, settings), ...extra });
  // A client that loses its server (restart, failover) must not crash the process: its
  // queries fail and are retried by their callers; the pool replaces the connection.
  const ignore = () => {};
  pool.on("error", ignore);
  pool.on("connect", (client) => client.on("error", ignore));
  const db = drizzle(pool, { schema });
  db.transaction = async (fn, config) => {
    // drizzle's own pool transaction never releases its client when `begin` fails and
    // returns a connection whose query timed out to the pool as if it were healthy: during
    // an outage or a hung server that leaks or poisons every connection. Here the client
    // is always released, and destroyed when the failure was the connection's.
    const client = await pool.connect();
    let broken = false;
    try {
      return await drizzle(client, { schema }).transaction(fn, config);
    } catch (err) {
      broken = isTransientInfrastructureError(err);
      throw err;
    } finally {
      client.release(broken);
    }
  };
  return { pool, db, close: () => pool.end() };
}
