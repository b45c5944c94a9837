import { baseConfigSchema, parseConfig } from "@m-ticketing/common";
import { z } from "zod";

/**
 * Expiration has no database and no user-facing API: the base variables minus the
 * database and session ones, plus Redis and the queue.
 */
export const expirationConfigSchema = baseConfigSchema
  .omit({ DATABASE_URL: true, JWT_KEY: true, SESSION_TTL: true, COOKIE_SECURE: true })
  .extend({
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .default("redis://127.0.0.1:6379"),
    /** Prefix of every Redis key of the queue (BullMQ forbids ':' in it). */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' and '-' only")
      .default("ticketing"),
    /** Expiry jobs handled at once by one replica (each only publishes one event). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(20),
    /** First wait before publishing again when NATS refused; doubles up to PUBLISH_RETRY_MAX_MS. */
    PUBLISH_RETRY_DELAY_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    PUBLISH_RETRY_MAX_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
  });

export type ExpirationConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseConfig(expirationConfigSchema, env);
}
