import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const ticketStatus = pgEnum("ticket_status", ["available", "reserved", "sold"]);
export const orderStatus = pgEnum("order_status", ["created", "cancelled", "complete"]);

/** Listings. `status`/`orderId` are derived from the orders service's events. */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull(),
    description: text("description"),
    eventDate: timestamp("event_date", { withTimezone: true }).notNull(),
    venue: text("venue").notNull(),
    userId: uuid("user_id").notNull(),
    /** The seller's name when they listed (or last edited) it, from the session: shown on the listing. */
    sellerName: text("seller_name").notNull().default(""),
    status: ticketStatus("status").notNull().default("available"),
    /** The order holding the ticket (reserved or sold); null while available. */
    orderId: uuid("order_id"),
    /**
     * The price of that order, from `order.created`: what the buyer reserved at and pays,
     * shown for the sale even if the seller's edit raced the reservation. `priceCents` stays
     * the seller's asking price for the next buyer. Null while available.
     */
    salePriceCents: integer("sale_price_cents"),
    saleCurrency: text("sale_currency"),
    /** Bumped on every change; replicas keep the highest version of `ticket.created`/`ticket.updated` they have seen. */
    version: integer("version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The public listing filters on status and sorts by one of these keys (ascending
    // columns: a backward scan serves `desc`, with the default NULLS FIRST it implies).
    index("tickets_status_created_idx").on(t.status, t.createdAt, t.id),
    index("tickets_status_price_idx").on(t.status, t.priceCents, t.id),
    index("tickets_status_event_date_idx").on(t.status, t.eventDate, t.id),
    index("tickets_user_created_idx").on(t.userId, t.createdAt, t.id),
  ],
);

/**
 * What this service has learnt about each order, from the orders service's events. The
 * three order subjects arrive in no guaranteed order relative to each other, so the
 * ticket's state is decided from these facts rather than from the arrival order.
 */
export const ticketOrders = pgTable(
  "ticket_orders",
  {
    id: uuid("id").primaryKey(),
    ticketId: uuid("ticket_id").notNull(),
    status: orderStatus("status").notNull(),
    /** The order's own version: a fact with a lower version never overwrites a higher one. */
    version: integer("version").notNull(),
    /** When orders created it (from `order.created`); null until that event has arrived. */
    placedAt: timestamp("placed_at", { withTimezone: true }),
    /** The price the buyer reserved at (from `order.created`); null until that event has arrived. */
    priceCents: integer("price_cents"),
    currency: text("currency"),
  },
  (t) => [index("ticket_orders_ticket_idx").on(t.ticketId)],
);

/** Searched with ILIKE; the trigram index on it is created by the `search` migration. */
export const searchText = sql`(title || ' ' || venue || ' ' || coalesce(description, ''))`;
export * from "./delivery-schema";
