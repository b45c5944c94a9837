import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const ticketStatus = pgEnum("ticket_status", ["available", "reserved", "sold", "withdrawn"]);
export const orderStatus = pgEnum("order_status", ["created", "cancelled", "complete"]);

/**
 * Shows people buy tickets for. `availableCount`/`minPriceCents` summarise the event's
 * available listings; they change in the transaction of every listing change, so search
 * and the home page read them from the event row instead of aggregating listings.
 * The full-text vector and its indexes are created by the `events_search` migration.
 */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    venue: text("venue").notNull(),
    city: text("city").notNull(),
    /** ISO 3166-1 alpha-2 code. */
    country: text("country").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    /** IANA zone the event happens in: every time of it is shown in this zone. */
    timeZone: text("time_zone").notNull(),
    imageUrl: text("image_url"),
    /** ISO 4217 code its listings are priced in. */
    currency: text("currency").notNull(),
    createdBy: uuid("created_by").notNull(),
    /** Normalised name + venue + local start date: the same show is created once. */
    dedupeKey: text("dedupe_key").notNull(),
    availableCount: integer("available_count").notNull().default(0),
    minPriceCents: integer("min_price_cents"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("events_dedupe_key_idx").on(t.dedupeKey), index("events_starts_at_idx").on(t.startsAt, t.id)],
);

/** "Notify me when tickets are listed" (announced with `event.alert-changed`; notifications sends the alerts). */
export const eventAlerts = pgTable(
  "event_alerts",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id),
    userId: uuid("user_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

/** Listings. `status`/`orderId` are derived from the orders service's events. */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The event it is for; null only for listings older than events. */
    eventId: uuid("event_id").references(() => events.id),
    /** The event's name, venue and start, copied at listing time (an event's facts do not change). */
    title: text("title").notNull(),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull(),
    /** What the seller paid: the asking price is capped relative to it (null for old listings). */
    faceValueCents: integer("face_value_cents"),
    section: text("section"),
    row: text("row"),
    seat: text("seat"),
    description: text("description"),
    eventDate: timestamp("event_date", { withTimezone: true }).notNull(),
    /** The event's IANA zone (null for listings older than events): its time is shown in it. */
    timeZone: text("time_zone"),
    venue: text("venue").notNull(),
    userId: uuid("user_id").notNull(),
    /** The seller's name when they listed (or last edited) it, from the session: shown on the listing. */
    sellerName: text("seller_name").notNull().default(""),
    status: ticketStatus("status").notNull().default("available"),
    /**
     * When the seller attached the ticket file (the first time): from then on buyers see the
     * listing and it is announced (`ticket.created`) to orders. Null: only the seller sees it.
     */
    listedAt: timestamp("listed_at", { withTimezone: true }),
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
    // An event's listings, cheapest first, and its summary (count, lowest price).
    index("tickets_event_status_price_idx").on(t.eventId, t.status, t.priceCents, t.id),
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

/**
 * Replica of auth's users, for what buyers see of a seller (issue 17 trust signals): name,
 * photo, verified e-mail and member since, from the `user.*` events. `updatedAt` is auth's:
 * an older snapshot never overwrites a newer one.
 */
export const sellers = pgTable("sellers", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  photoUrl: text("photo_url"),
  emailVerified: boolean("email_verified").notNull().default(false),
  /** When the account was made (null from events that predate the field). */
  memberSince: timestamp("member_since", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }),
});
