import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Events written in the same transaction as the state change they describe; the relay
 * publishes them to JetStream and stamps `publishedAt`.
 */
export const outbox = pgTable(
  "outbox",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    eventId: uuid("event_id").notNull().unique(),
    subject: text("subject").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [index("outbox_unpublished_idx").on(t.seq).where(sql`published_at is null`)],
);

/** Events a consumer has handled, recorded in the same transaction as their effects. */
export const inbox = pgTable(
  "inbox",
  {
    consumer: text("consumer").notNull(),
    eventId: uuid("event_id").notNull(),
    handledAt: timestamp("handled_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

/** Latest `user.sessions-revoked` version seen per user; older session tokens are refused. */
export const sessionRevocations = pgTable("session_revocations", {
  userId: uuid("user_id").primaryKey(),
  tokenVersion: integer("token_version").notNull(),
});

/**
 * Failures of one event in one consumer on a healthy database: the poison-message
 * budget. Infrastructure failures are never recorded here (they cannot be: the database
 * is what failed), so an outage of any length does not spend it. Shared by replicas.
 */
export const consumerFailures = pgTable(
  "consumer_failures",
  {
    consumer: text("consumer").notNull(),
    eventId: uuid("event_id").notNull(),
    /** Handler errors: the event is dead-lettered when this reaches MAX_DELIVERIES. */
    failures: integer("failures").notNull().default(0),
    /** "Not applicable yet" (a version gap): allowed RETRY_LATER_FACTOR times as often. */
    waits: integer("waits").notNull().default(0),
    lastError: text("last_error"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

/**
 * Sessions signed out one by one (`sid` of the token), until they would have expired by
 * themselves. Auth writes its own rows at sign-out; every other service records them from
 * `user.sessions-revoked`.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: uuid("session_id").primaryKey(),
    userId: uuid("user_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("revoked_sessions_expires_at_idx").on(t.expiresAt)],
);
