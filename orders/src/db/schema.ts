import { ORDER_CANCEL_REASONS } from "@m-ticketing/common";
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const orderStatus = pgEnum("order_status", ["created", "cancelled", "complete"]);
/** Why an order was cancelled: by its buyer, unpaid in time, unpaid when its event started, or its listing withdrawn. */
export const cancellationReason = pgEnum("cancellation_reason", ORDER_CANCEL_REASONS);

/**
 * Replica of the tickets service's listings, from `ticket.created`/`ticket.updated`:
 * only what orders needs (does it exist, whose is it, what does it cost, its title, which
 * event and when it starts: nothing is sold from then on).
 */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey(),
    title: text("title").notNull(),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull(),
    userId: uuid("user_id").notNull(),
    /** Version of the newest `ticket.created`/`ticket.updated` applied: an older one never overwrites it. */
    version: integer("version").notNull(),
    /** The event (null for listings older than events, or from a tickets service that predates them). */
    eventId: uuid("event_id"),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    /** Taken off the market by its seller: cannot be ordered. */
    withdrawn: boolean("withdrawn").notNull().default(false),
  },
  (t) => [index("tickets_starts_at_idx").on(t.startsAt)],
);

/** Statuses that hold a ticket: at most one order per ticket may be in one of them. */
export const HOLDING = sql`status in ('created', 'complete')`;

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => tickets.id),
    status: orderStatus("status").notNull().default("created"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** The price when the order was placed: what the buyer pays, whatever happens later. */
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull(),
    /** Set when the order is cancelled. */
    cancellationReason: cancellationReason("cancellation_reason"),
    /** Bumped on each change of status; carried by the order events. */
    version: integer("version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the buyer cancelled it or it expired: starts the re-reservation cool-down. */
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** When payments reported the refund of a payment that arrived after the order was cancelled. */
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
  },
  (t) => [
    // The no-double-sale rule, enforced by the database: concurrent buyers race on this index.
    uniqueIndex("orders_one_holder_per_ticket").on(t.ticketId).where(HOLDING),
    // Ascending: a backward scan serves "newest first" (desc, NULLS FIRST).
    index("orders_user_created_idx").on(t.userId, t.createdAt, t.id),
    // Orders awaiting payment, for the job that cancels them when their event starts.
    index("orders_awaiting_payment_idx").on(t.ticketId).where(sql`status = 'created'`),
  ],
);
