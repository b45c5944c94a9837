import type { Executor, OrderCancelReason } from "@m-ticketing/common";
import { and, eq, isNull } from "drizzle-orm";
import { type orders, payments } from "../db/schema";

export type OrderRow = typeof orders.$inferSelect;

/** Why money must not (or no longer) be taken for an order. */
export type Unpayable = "order-cancelled" | "order-expired" | "order-already-paid";

export const UNPAYABLE_MESSAGES: Record<Unpayable, string> = {
  "order-cancelled": "order cancelled",
  "order-expired": "order expired",
  "order-already-paid": "order already paid",
};

/** What a buyer is told when the order ended unpaid, by `order.cancelled`'s reason. */
const CANCELLED_BECAUSE: Record<OrderCancelReason, string> = {
  cancelled_by_buyer: "order cancelled by the buyer",
  expired: "order cancelled: its reservation time ran out",
  event_started: "order cancelled: the event has started",
  listing_withdrawn: "order cancelled: the seller withdrew the listing",
};

/** The refusal for `reason`, saying why the order was cancelled where the replica knows. */
export function unpayableMessage(reason: Unpayable, order?: Pick<OrderRow, "cancellationReason">): string {
  const why = order?.cancellationReason;
  return reason === "order-cancelled" && why ? CANCELLED_BECAUSE[why] : UNPAYABLE_MESSAGES[reason];
}

/**
 * The one rule for taking money: the order is still `created`, not past `expiresAt`, and
 * not already paid by another capture. Checked before asking PayPal (so usually no money
 * moves) and again, under the order's row lock, when a capture is recorded.
 */
export function unpayableReason(order: OrderRow, alreadyPaid: boolean, now = new Date()): Unpayable | null {
  if (order.status === "cancelled") return "order-cancelled";
  if (order.status === "complete" || alreadyPaid) return "order-already-paid";
  if (!order.expiresAt || order.expiresAt <= now) return "order-expired";
  return null;
}

/** A completed payment that is not being refunded already pays for the order. */
export async function hasCompletedPayment(db: Executor, orderId: string): Promise<boolean> {
  const rows = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, "completed"), isNull(payments.refundReason)))
    .limit(1);
  return rows.length > 0;
}
