import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Replica of auth's users: whom to write to and how to greet them (from every `user.*` event). */
export const users = pgTable("users", {
  id: uuid("id").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  emailVerified: boolean("email_verified").notNull(),
  /** `occurredAt` of the event this row is from: an older event never overwrites a newer one. */
  asOf: timestamp("as_of", { withTimezone: true }).notNull(),
});

/** Replica of tickets: title, price and seller for the order mails. */
export const tickets = pgTable("tickets", {
  id: uuid("id").primaryKey(),
  title: text("title").notNull(),
  priceCents: integer("price_cents").notNull(),
  currency: text("currency").notNull(),
  sellerId: uuid("seller_id").notNull(),
  /** When the ticket's event starts (null for listings older than events): the payout date follows from it. */
  startsAt: timestamp("starts_at", { withTimezone: true }),
  version: integer("version").notNull(),
});

export const orderStatus = pgEnum("order_status", ["created", "cancelled", "complete"]);

/** Replica of orders: the buyer, the ticket and whether the reminder went out. */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey(),
    buyerId: uuid("buyer_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    status: orderStatus("status").notNull(),
    version: integer("version").notNull(),
    /** Set when the "about to expire" reminder was queued (or skipped by preference). */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [index("orders_reminder_due_idx").on(t.expiresAt).where(sql`status = 'created' and reminded_at is null`)],
);

/**
 * Replica of tickets' "notify me when tickets are listed" (from `event.alert-changed`; the newest
 * by `as_of` wins, so an old subscribe arriving late never undoes an unsubscribe). `last_alerted_at`
 * is when this user was last sent an alert for this event: at most one per hour.
 */
export const watches = pgTable(
  "watches",
  {
    eventId: uuid("event_id").notNull(),
    userId: uuid("user_id").notNull(),
    subscribed: boolean("subscribed").notNull(),
    asOf: timestamp("as_of", { withTimezone: true }).notNull(),
    lastAlertedAt: timestamp("last_alerted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

/** What a user chose to receive. Transactional mail (orders, security) is always sent. */
export const preferences = pgTable("preferences", {
  userId: uuid("user_id").primaryKey(),
  /** "A ticket was listed for an event you watch". */
  alerts: boolean("alerts").notNull().default(true),
  /** "Your reservation is about to expire". */
  reminders: boolean("reminders").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Addresses a mail server refused permanently (5xx to RCPT TO): nothing more is sent to them. */
export const suppressedAddresses = pgTable("suppressed_addresses", {
  email: text("email").primaryKey(),
  reason: text("reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const mailStatus = pgEnum("mail_status", ["pending", "sent", "bounced", "failed", "suppressed"]);
export const mailCategory = pgEnum("mail_category", ["transactional", "reminder", "alert"]);

/**
 * The mail queue (an outbox for SMTP). A listener renders the mail and inserts it in the
 * transaction that records the event in the inbox; the sender job delivers it. `(source_key,
 * recipient)` is unique, so one event (or one reminder) can never queue a second mail.
 */
export const mails = pgTable(
  "mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The event id, or e.g. `reminder:<orderId>` for mail a job decides on. */
    sourceKey: text("source_key").notNull(),
    recipient: text("recipient").notNull(),
    userId: uuid("user_id"),
    kind: text("kind").notNull(),
    category: mailCategory("category").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    status: mailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** A sender working on the row: others skip it until then (a crashed sender's lease runs out). */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("mails_source_recipient_idx").on(t.sourceKey, t.recipient),
    index("mails_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);

export type MailRow = typeof mails.$inferSelect;
export type UserRow = typeof users.$inferSelect;
