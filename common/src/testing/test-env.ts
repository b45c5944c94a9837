import { randomBytes } from "node:crypto";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { type CurrentUser, SESSION_COOKIE, signSessionToken } from "../sessions/session-token";

export const TEST_JWT_KEY = "test-jwt-key-that-is-long-enough";
export const natsUrl = () => process.env.NATS_URL ?? "nats://127.0.0.1:4222";
export const redisUrl = () => process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A stream and subject prefix of their own, so parallel and repeated runs never share events. */
export function uniqueMessaging() {
  const id = randomBytes(5).toString("hex");
  return { NATS_STREAM: `TEST_${id}`, NATS_SUBJECT_PREFIX: `test_${id}.` };
}

/** A Redis key prefix of its own (no `:` so BullMQ accepts it as a queue prefix). */
export const uniqueRedisPrefix = () => `test_${randomBytes(5).toString("hex")}`;

export async function deleteStream(stream: string): Promise<void> {
  const nc = await connect({ servers: natsUrl() });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => {});
  } finally {
    await nc.close();
  }
}

/**
 * Environment for a service under test: its own database and stream, the test JWT key,
 * a free port. Spread extra variables over it.
 */
export function testEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl(),
    REDIS_URL: redisUrl(),
    JWT_KEY: TEST_JWT_KEY,
    ...uniqueMessaging(),
    ...extra,
  };
}

/** A `Cookie` header value signed in as `user`, as auth would have issued it. */
export function sessionCookie(user: Partial<CurrentUser> & { id: string }, tokenVersion = 0, key = TEST_JWT_KEY) {
  const token = signSessionToken(
    { email: `${user.id.slice(0, 8)}@example.test`, name: "Test User", ...user, tokenVersion },
    key,
    3600,
  );
  return `${SESSION_COOKIE}=${token}`;
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
