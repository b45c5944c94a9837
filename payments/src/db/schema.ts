import type { OrderCancelReason } from "@m-ticketing/common";
import { sql } from "drizzle-orm";
import {
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export type OrderStatus = "created" | "cancelled" | "complete";
export type PaymentStatus = "completed" | "refunded";
/** Why captured money must go back to the buyer. */
export type RefundReason =
  | "order-cancelled"
  | "order-expired"
  | "order-already-paid"
  | "amount-mismatch"
  /** An administrator upheld the buyer's claim (buyer protection). */
  | "claim-upheld";

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
  /** From `order.created`'s optional ticket fields (null for orders announced before them): who is paid out, and from when. */
  ticketId: uuid("ticket_id"),
  sellerId: uuid("seller_id"),
  title: text("title"),
  eventStartsAt: timestamp("event_starts_at", { withTimezone: true }),
  /** Why the order ended unpaid (`order.cancelled`'s reason; null for older events): a refused payment says it. */
  cancellationReason: text("cancellation_reason").$type<OrderCancelReason>(),
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
    /** What PayPal is asked for: the total (price + buyer fee). */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** The breakdown fixed when the PayPal order was made (null: made before fees, amount = price). */
    price: integer("price"),
    buyerFee: integer("buyer_fee").notNull().default(0),
    sellerFee: integer("seller_fee").notNull().default(0),
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
    /** Captured: the total the buyer paid (price + buyer fee). */
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** The ticket's price within `amount` (null: captured before fees, the price is `amount`). */
    price: integer("price"),
    buyerFee: integer("buyer_fee").notNull().default(0),
    sellerFee: integer("seller_fee").notNull().default(0),
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
 * refund id. (The ledger gets the same movement: domain/ledger.ts recordRefundInLedger.)
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

/** Kinds of ledger rows; amounts are always positive, the kind says which way the money went. */
export type LedgerKind =
  | "capture" // the buyer paid us (total)
  | "refund" // we gave the buyer money back
  | "buyer-fee" // our service fee, earned when the sale stands
  | "seller-fee" // our fee on the seller's price
  | "fee-reversal" // fees given up (the sale was refunded)
  | "payout" // PayPal accepted a payout of the seller's amount
  | "payout-reversal"; // a payout came back (FAILED, RETURNED, REVERSED, …)

/**
 * The one ledger: every movement of money, append-only (never updated or deleted), written
 * in the transaction that records the movement. Per payment (a capture):
 * capture = refund + (payout − payout-reversal) + (buyer-fee + seller-fee − fee-reversal) + held,
 * where held is what we still owe: the seller's amount before the payout, the whole capture while a refund is owed.
 */
export const ledger = pgTable(
  "ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    paymentId: uuid("payment_id").notNull(),
    orderId: uuid("order_id").notNull(),
    kind: text("kind").$type<LedgerKind>().notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** PayPal's id of the movement (capture, refund, payout item) or ours (batch/item id). */
    reference: text("reference"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ledger_payment_idx").on(t.paymentId),
    // One row of a kind per reference: recording a movement twice is impossible.
    uniqueIndex("ledger_movement_uq").on(t.paymentId, t.kind, t.reference),
  ],
);

/** Where a seller is paid: a PayPal account's e-mail address. */
export const payoutAccounts = pgTable("payout_accounts", {
  userId: uuid("user_id").primaryKey(),
  paypalEmail: text("paypal_email").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * `pending`: waiting for `payable_at`, a payout account, or a hold to be lifted;
 * `sending`: a payout batch is recorded and being sent (intent before the PayPal call);
 * `sent`: PayPal accepted it, the item is not final yet; `paid`: SUCCESS; `unclaimed`: the
 * recipient has no PayPal account yet (PayPal holds it 30 days); `failed`: PayPal refused
 * or returned it (`failure_reason`), parked until the seller changes the payout account;
 * `refunded`: the buyer got the money back, nothing is paid out.
 */
export type SaleStatus = "pending" | "sending" | "sent" | "paid" | "unclaimed" | "failed" | "refunded";

/**
 * A sale: a captured payment of a valid order, owed to its seller. Created with the
 * capture (same transaction); paid out by the payout job (src/jobs/payout-job.ts) once
 * payable and while no `payout_holds` row for its order is open (claims, PayPal-side refunds).
 */
export const sales = pgTable(
  "sales",
  {
    paymentId: uuid("payment_id").primaryKey(),
    orderId: uuid("order_id").notNull(),
    /** Null for orders announced before sellers were: never paid out automatically. */
    sellerId: uuid("seller_id"),
    buyerId: uuid("buyer_id").notNull(),
    ticketId: uuid("ticket_id"),
    title: text("title"),
    eventStartsAt: timestamp("event_starts_at", { withTimezone: true }),
    currency: text("currency").notNull(),
    price: integer("price").notNull(),
    buyerFee: integer("buyer_fee").notNull(),
    sellerFee: integer("seller_fee").notNull(),
    /** price − seller fee: what the payout sends. */
    amountDue: integer("amount_due").notNull(),
    /** Event start + PAYOUT_DELAY (null without a start: held until someone decides). */
    payableAt: timestamp("payable_at", { withTimezone: true }),
    status: text("status").$type<SaleStatus>().notNull().default("pending"),
    /** Payout attempts so far; the item id of attempt n is `<paymentId>-<n>`. */
    attempts: integer("attempts").notNull().default(0),
    senderBatchId: text("sender_batch_id"),
    senderItemId: text("sender_item_id"),
    paypalBatchId: text("paypal_batch_id"),
    paypalItemId: text("paypal_item_id"),
    payoutStatus: text("payout_status"),
    paidTo: text("paid_to"),
    failureReason: text("failure_reason"),
    /** A `sending` row whose lease ran out is sent again (same ids: PayPal does it once). */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sales_seller_idx").on(t.sellerId, t.createdAt),
    index("sales_order_idx").on(t.orderId),
    index("sales_due_idx").on(t.payableAt).where(sql`status = 'pending'`),
    index("sales_batch_idx").on(t.senderBatchId),
  ],
);

export type ClaimReason = "not_received" | "did_not_work" | "not_as_described";
/** `open` until an administrator decides: `refunded` (buyer repaid, seller flagged) or `rejected` (payout released). */
export type ClaimStatus = "open" | "refunded" | "rejected";

/**
 * Buyer protection: a buyer's claim on a paid order (one per order). While `open` it holds
 * the sale's payout (a `claim` hold, see payout-holds.ts).
 */
export const claims = pgTable(
  "claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id").notNull(),
    paymentId: uuid("payment_id").notNull(),
    buyerId: uuid("buyer_id").notNull(),
    sellerId: uuid("seller_id"),
    reason: text("reason").$type<ClaimReason>().notNull(),
    message: text("message").notNull(),
    status: text("status").$type<ClaimStatus>().notNull().default("open"),
    sellerAnswer: text("seller_answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    decidedBy: uuid("decided_by"),
    decisionNote: text("decision_note"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Cents given back to the buyer when upheld: price + service fee (the whole capture). */
    refundAmount: integer("refund_amount"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("claims_order_uq").on(t.orderId),
    index("claims_open_idx").on(t.createdAt).where(sql`status = 'open'`),
    index("claims_buyer_idx").on(t.buyerId),
    index("claims_seller_idx").on(t.sellerId),
  ],
);

/** Sellers whose sale was refunded on a buyer's claim: one row per upheld claim. */
export const sellerFlags = pgTable(
  "seller_flags",
  {
    claimId: uuid("claim_id").primaryKey(),
    sellerId: uuid("seller_id").notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("seller_flags_seller_idx").on(t.sellerId)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The optional photo of a claim (JPEG or PNG, at most 2 MB; claims are rare, so the
 * database keeps it and every replica serves it). One per claim, added by its buyer.
 */
export const claimPhotos = pgTable("claim_photos", {
  claimId: uuid("claim_id").primaryKey(),
  contentType: text("content_type").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
