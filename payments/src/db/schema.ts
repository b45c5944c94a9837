import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export type OrderStatus = "created" | "cancelled" | "complete";
export type PaymentStatus = "completed" | "refunded";
/** Why captured money must go back to the buyer. */
export type RefundReason = "order-cancelled" | "order-expired" | "order-already-paid" | "amount-mismatch";

/**
 * Our replica of the orders service's orders, from `order.created` / `.cancelled` /
 * `.completed`. A cancellation may arrive before the creation: then only `status` and
 * `version` are known and the other columns stay null until `order.created` fills them.
 */
export const orders = pgTable("orders", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id"),
  status: text("status").$type<OrderStatus>().notNull(),
  /** Integer cents: the amount we ask PayPal for, never a price from the browser. */
  price: integer("price"),
  currency: text("currency"),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  version: integer("version").notNull(),
  /** The purchase's correlation id (`order.created`'s): payment events join its trace. */
  correlationId: text("correlation_id"),
});

/**
 * A PayPal order we created for one of our orders, remembered so a capture can check the
 * buyer and the amount. `captureRequestId` / `captureStartedAt` are set while a capture
 * is under way and cleared when PayPal answers that nothing was captured; one left set
 * for long is a capture in doubt that the janitor settles with PayPal.
 */
export const paypalOrders = pgTable(
  "paypal_orders",
  {
    id: text("id").primaryKey(),
    orderId: uuid("order_id").notNull(),
    userId: uuid("user_id").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    captureRequestId: text("capture_request_id"),
    captureStartedAt: timestamp("capture_started_at", { withTimezone: true }),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("paypal_orders_order_idx").on(t.orderId),
    index("paypal_orders_in_doubt_idx").on(t.captureStartedAt).where(sql`capture_started_at is not null`),
  ],
);

/**
 * Money PayPal captured. One per PayPal order and per capture (unique), so a repeated or
 * concurrent capture call can never record it twice. `refundReason` set on a `completed`
 * payment means the refund is still to be done (the janitor retries it).
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id").notNull(),
    userId: uuid("user_id").notNull(),
    paypalOrderId: text("paypal_order_id").notNull().unique(),
    captureId: text("capture_id").notNull().unique(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    status: text("status").$type<PaymentStatus>().notNull(),
    refundReason: text("refund_reason").$type<RefundReason>(),
    refundId: text("refund_id"),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_order_idx").on(t.orderId),
    index("payments_user_idx").on(t.userId, t.createdAt),
    index("payments_refund_pending_idx").on(t.createdAt).where(sql`status = 'completed' and refund_reason is not null`),
  ],
);

/**
 * Every PayPal webhook event we applied, by PayPal's event id: a redelivery (PayPal retries
 * until it gets a 2xx, and resends on request) finds its id here and changes nothing.
 */
export const paypalWebhookEvents = pgTable("paypal_webhook_events", {
  id: text("id").primaryKey(),
  eventType: text("event_type").notNull(),
  transmissionId: text("transmission_id").notNull(),
  /** What the event was about (capture, refund, dispute or payout item id). */
  resourceId: text("resource_id"),
  /** What we did with it: `recorded`, `ours` (a refund we made), `unknown-capture`, `ignored`. */
  outcome: text("outcome").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

export type HoldReason = "paypal-refund" | "paypal-reversal" | "paypal-dispute" | "claim";

/**
 * Why a sale's payout must wait. The payout job pays a sale only while no hold for its
 * order is open (`releasedAt` null): see domain/payout-holds.ts. One hold per cause
 * (`reason` + `sourceId`: the refund, dispute or claim id), so recording it twice is harmless.
 */
export const payoutHolds = pgTable(
  "payout_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id").notNull(),
    reason: text("reason").$type<HoldReason>().notNull(),
    sourceId: text("source_id").notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp("released_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("payout_holds_source_idx").on(t.reason, t.sourceId),
    index("payout_holds_open_idx").on(t.orderId).where(sql`released_at is null`),
  ],
);

/**
 * Money that went back to the buyer at PayPal without us asking (a refund in PayPal's
 * dashboard, a chargeback), learnt by webhook or by the reconcile job. One row per PayPal
 * refund id. (h-payouts' ledger records the same movement once it exists.)
 */
export const paypalSideRefunds = pgTable(
  "paypal_side_refunds",
  {
    id: text("id").primaryKey(),
    paymentId: uuid("payment_id").notNull(),
    orderId: uuid("order_id").notNull(),
    kind: text("kind").$type<"refund" | "reversal">().notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    source: text("source").$type<"webhook" | "reconcile">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("paypal_side_refunds_payment_idx").on(t.paymentId)],
);
