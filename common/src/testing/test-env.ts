import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { type CurrentUser, SESSION_COOKIE, signSessionToken } from "../sessions/session-token";

export const TEST_JWT_KEY = "test-jwt-key-that-is-long-enough";

/** The NATS users of scripts/lib/nats-auth.mjs: one per service, and `test` that may publish anything. */
export type NatsUser = "auth" | "tickets" | "orders" | "payments" | "expiration" | "notifications" | "test";

interface NatsCredentials {
  url: string;
  passwords: Partial<Record<NatsUser, string>>;
}

let credentials: NatsCredentials | undefined;

/**
 * The project's NATS (scripts/infra.sh) and its generated passwords, read from its state
 * folder (same rule as scripts/lib/nats-auth.mjs natsStateDir). NATS_URL, NATS_USER and
 * NATS_PASSWORD in the environment take precedence (a CI NATS of its own).
 */
export function natsCredentials(): NatsCredentials {
  if (credentials) return credentials;
  const env = process.env;
  if (env.NATS_URL && env.NATS_USER && env.NATS_PASSWORD) {
    credentials = { url: env.NATS_URL, passwords: { [env.NATS_USER]: env.NATS_PASSWORD, test: env.NATS_PASSWORD } };
    return credentials;
  }
  const dir =
    env.TICKETING_NATS_STATE ??
    (process.getuid?.() === 0
      ? "/var/lib/ticketing-nats"
      : join(env.XDG_STATE_HOME || join(homedir(), ".local", "state"), "ticketing-nats"));
  const file = join(dir, "credentials.json");
  if (!existsSync(file)) {
    throw new Error(`no NATS credentials in ${file}: run \`npm run infra\` (scripts/infra.sh) first`);
  }
  credentials = JSON.parse(readFileSync(file, "utf8")) as NatsCredentials;
  return credentials;
}

export const natsUrl = () => natsCredentials().url;

/** Connection options for `user` (default: the test user, which may publish anything). */
export function natsAuth(user: NatsUser = "test"): { user: string; pass: string } {
  const pass = natsCredentials().passwords[user];
  if (!pass) throw new Error(`no NATS password for user ${user}`);
  return { user, pass };
}

/** NATS_URL, NATS_USER and NATS_PASSWORD for a service connecting as `user`. */
export function natsEnv(user: NatsUser = "test"): Record<string, string> {
  const { pass } = natsAuth(user);
  return { NATS_URL: natsUrl(), NATS_USER: user, NATS_PASSWORD: pass };
}

/** `connectMessaging` options for the test user. */
export const testNatsConnection = () => ({ servers: natsUrl(), user: "test", password: natsAuth().pass });
export const redisUrl = () => process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A stream and subject prefix of their own, so parallel and repeated runs never share events. */
export function uniqueMessaging() {
  const id = randomBytes(5).toString("hex");
  return { NATS_STREAM: `TEST_${id}`, NATS_SUBJECT_PREFIX: `test_${id}.` };
}

/** A Redis key prefix of its own (no `:` so BullMQ accepts it as a queue prefix). */
export const uniqueRedisPrefix = () => `test_${randomBytes(5).toString("hex")}`;

export async function deleteStream(stream: string): Promise<void> {
  const nc = await connect({ servers: natsUrl(), ...natsAuth() });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => {});
    await jsm.streams.delete(`${stream}_DEAD_LETTERS`).catch(() => {}); // its dead-letter stream
  } finally {
    await nc.close();
  }
}

/**
 * Environment for a service under test: its own database and stream, the test JWT key,
 * a free port, the test NATS user (tests publish other services' events through the
 * service's connection; `natsEnv(<service>)` in `extra` runs it as its own user). Spread
 * extra variables over it.
 */
export function testEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATABASE_URL: databaseUrl,
    ...natsEnv(),
    REDIS_URL: redisUrl(),
    JWT_KEY: TEST_JWT_KEY,
    ...uniqueMessaging(),
    ...extra,
  };
}

/** A `Cookie` header value signed in as `user`, as auth would have issued it. */
export function sessionCookie(user: Partial<CurrentUser> & { id: string }, tokenVersion = 0, key = TEST_JWT_KEY) {
  const token = signSessionToken(
    { email: `${user.id.slice(0, 8)}@example.test`, name: "Test User", emailVerified: true, ...user, tokenVersion },
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
