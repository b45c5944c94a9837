/**
 * Which errors mean "the database (or another dependency) is unavailable right now"
 * rather than "this request or event is wrong". Callers retry the former without
 * limit and answer 503; only the latter may count towards a poison-message budget.
 */

/** SQLSTATEs of an unavailable or overloaded server, and of conflicts that a retry resolves. */
const TRANSIENT_SQLSTATES = new Set([
  "40001", // serialization_failure: another transaction won; retrying is the documented answer
  "40P01", // deadlock_detected: same
  "55P03", // lock_not_available (lock_timeout)
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down, recovery)
  "53300", // too_many_connections
  "53400", // configuration_limit_exceeded
  "25P03", // idle_in_transaction_session_timeout: our connection was cut, not the data wrong
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "08007",
  "08P01", // connection exceptions (class 08), e.g. PgBouncer closing a server connection
  "58000", // system_error (I/O)
  "58030", // io_error
]);

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Messages node-postgres, pg-pool and PgBouncer use for a connection that failed or hung. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /not queryable/i,
  /connection (?:is )?closed/i,
  /cannot use a pool after calling end/i,
  /server conn crashed|no more connections allowed|pgbouncer cannot connect to server|server login has been failing/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /max retries per request/i, // ioredis (expiration's queue) while Redis is unreachable
];

function* causes(err: unknown): Generator<Record<string, unknown>> {
  let current = err;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    yield current as Record<string, unknown>;
    current = (current as { cause?: unknown }).cause;
  }
}

/** True when `err` (or an error it wraps, e.g. drizzle's DrizzleQueryError) is a transient infrastructure failure. */
export function isTransientInfrastructureError(err: unknown): boolean {
  for (const e of causes(err)) {
    if (e instanceof AggregateError && e.errors.some(isTransientInfrastructureError)) return true;
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (TRANSIENT_SQLSTATES.has(code) || NETWORK_CODES.has(code))) return true;
    if (typeof e.message === "string" && CONNECTION_MESSAGES.some((re) => re.test(e.message as string))) return true;
  }
  return false;
}

/**
 * A statement cancelled by `statement_timeout` (57014): for a request this means the
 * database was too busy (typically a lock queue) to answer in time, so the client gets 503
 * with Retry-After, not 500. Consumers do not treat it as an outage (a handler whose query is
 * always too slow must still reach its failure budget).
 */
export function isStatementTimeout(err: unknown): boolean {
  for (const e of causes(err)) if (e.code === "57014") return true;
  return false;
}
