import { type Executor, formatCents } from "@m-ticketing/common";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { payoutHolds, sales } from "../db/schema";

type SaleRow = typeof sales.$inferSelect;

/** The seller's sales, newest first, each with its open hold reasons (100 at most). */
export async function listSales(db: Executor, sellerId: string) {
  const rows = await db
    .select()
    .from(sales)
    .where(eq(sales.sellerId, sellerId))
    .orderBy(desc(sales.createdAt))
    .limit(100);
  const holds = rows.length
    ? await db
        .select({ orderId: payoutHolds.orderId, reason: payoutHolds.reason })
        .from(payoutHolds)
        .where(
          and(
            isNull(payoutHolds.releasedAt),
            inArray(
              payoutHolds.orderId,
              rows.map((r) => r.orderId),
            ),
          ),
        )
    : [];
  return rows.map((row) => ({ row, holds: holds.filter((h) => h.orderId === row.orderId).map((h) => h.reason) }));
}

export type SaleStatusView = "held" | "on-hold" | "sent" | "paid" | "unclaimed" | "failed" | "refunded";

const HOLD_WORDS: Record<string, string> = {
  claim: "claim open",
  "paypal-refund": "refund at PayPal",
  "paypal-reversal": "payment reversed at PayPal",
  "paypal-dispute": "dispute at PayPal",
};

/**
 * A sale as `GET /api/payments/sales` shows it: money as two-decimal strings, and the
 * payout's state as a code and in words (`held until …`, `on hold: claim open`, `sent`,
 * `paid`, `unclaimed`, `failed: …`, `refunded`).
 */
export function toSaleResponse({ row, holds }: { row: SaleRow; holds: string[] }, hasPayoutAccount: boolean) {
  const status = statusOf(row, holds);
  const heldUntil = row.payableAt?.toISOString() ?? null;
  const text = {
    held: heldUntil ? `held until ${heldUntil}` : "held until the event has started",
    "on-hold": `on hold: ${holds.map((h) => HOLD_WORDS[h] ?? h).join(", ")}`,
    sent: "sent",
    paid: "paid",
    unclaimed: "unclaimed",
    failed: `failed: ${row.failureReason ?? "PayPal could not pay this address"}`,
    refunded: "refunded to the buyer",
  }[status];
  return {
    paymentId: row.paymentId,
    orderId: row.orderId,
    title: row.title,
    eventStartsAt: row.eventStartsAt?.toISOString() ?? null,
    currency: row.currency,
    price: formatCents(row.price),
    sellerFee: formatCents(row.sellerFee),
    amountDue: formatCents(row.amountDue),
    status,
    statusText: text,
    heldUntil,
    /** True while the sale waits only for the seller to add a payout account. */
    needsPayoutAccount: status === "held" && !hasPayoutAccount,
    paidTo: row.paidTo,
    failureReason: status === "failed" ? row.failureReason : null,
    soldAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}

function statusOf(row: SaleRow, holds: string[]): SaleStatusView {
  switch (row.status) {
    case "pending":
      return holds.length > 0 ? "on-hold" : "held";
    case "sending":
    case "sent":
      return "sent";
    default:
      return row.status;
  }
}
