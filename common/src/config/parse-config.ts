import { z } from "zod";
import { productionProblems } from "./production-checks";

/** Thrown when the environment is missing or has a bad variable; names each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment once, at start-up, with a zod object schema whose keys are
 * variable names. Empty strings count as unset so `FOO=` falls back to the default.
 */
export function parseConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        return cleaned[name] === undefined
          ? `${name} is required (${issue.message})`
          : `${name} is invalid: ${issue.message}`;
      }),
    );
  }
  const problems = productionProblems(result.data as Record<string, unknown>);
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

const DURATION = /^(\d+)([smhd]?)$/;

/** A setting such as `48h`, `2d`, `5s` or a number of seconds (read with `durationToSeconds`). */
export function durationSetting(fallback: string, example = "48h, 5s") {
  return z.string().regex(DURATION, `a number of seconds or e.g. ${example}`).default(fallback);
}

/** Variables every backend service reads. Compose with `.extend({...})`. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535),
  /** Interface to listen on; unset: every one (as in a container). `npm start` sets 127.0.0.1. */
  HOST: z.string().optional(),
  /** Peers whose X-Forwarded-For is believed: hops or addresses (see common/src/http/client-address.ts). */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d+|[0-9A-Za-z.:/_, -]+)$/, "a number of hops or comma-separated addresses, subnets or names")
    .default("loopback"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().url(),
  /** PostgreSQL itself when DATABASE_URL is a pooler (PgBouncer): migrations and LISTEN use it. */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(0).default(30000),
  DATABASE_SESSION_SETTINGS: z.enum(["true", "false"]).default("true"),
  NATS_URL: z.string().default("nats://127.0.0.1:4223"),
  /** This service's NATS user: it may publish only its own event subjects. */
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  /** PEM file of the CA that signed the NATS server's certificate; set, the connection uses TLS. */
  NATS_TLS_CA: z.string().optional(),
  NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("TICKETING"),
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^([a-z0-9_-]+\.)*$/)
    .default("ticketing."),
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  JWT_KEY: z.string().min(16, "must be at least 16 characters"),
  SESSION_TTL: durationSetting("7d", "7d, 12h"),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  MAX_DELIVERIES: z.coerce.number().int().min(1).max(1000).default(20),
  CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(20000),
  /** Requests waiting for a database connection beyond which new requests get 429 + Retry-After (0: never). */
  SHED_DB_WAITING: z.coerce.number().int().min(0).default(64),
  /** Services other than auth: how long a session check is answered from memory (0: never). */
  SESSION_CHECK_CACHE_MS: z.coerce.number().int().min(0).max(5000).default(5000),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** The pool settings (common's PoolSettings) a base config asks for. */
export function poolSettings(config: BaseConfig) {
  return {
    max: config.DATABASE_POOL_MAX,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    idleTimeoutMs: config.DATABASE_IDLE_TIMEOUT_MS,
    sessionSettings: config.DATABASE_SESSION_SETTINGS === "true",
  };
}

/** `7d` → 604800; a bare number is seconds. */
export function durationToSeconds(value: string): number {
  const match = DURATION.exec(value);
  if (!match) throw new Error(`Bad duration: ${value}`);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}
