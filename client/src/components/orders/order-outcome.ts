import type { Order } from "@/lib/api-types";

/** What a status chip shows for an order: its status, or for an ended order why it ended. */
export type OrderChipStatus = Order["status"] | "expired" | "event_started" | "listing_withdrawn" | "confirming";

/**
 * The chip of an order as the API reports it. `expiredSeen`: this page watched the time run
 * out (an order from before the API said why it ended has no `endReason`).
 */
export function orderChipStatus(order: Order, expiredSeen = false): OrderChipStatus {
  if (order.status !== "cancelled") return order.status;
  if (order.endReason === "expired" || (order.endReason === null && expiredSeen)) return "expired";
  if (order.endReason === "event_started") return "event_started";
  if (order.endReason === "listing_withdrawn") return "listing_withdrawn";
  return "cancelled";
}

/** Why an order ended, in one short line for lists ("" while it is open or once paid). */
export function endReasonText(order: Order): string {
  if (order.status !== "cancelled") return "";
  const why =
    order.endReason === "expired"
      ? "Not paid in time"
      : order.endReason === "event_started"
        ? "The event started before payment"
        : order.endReason === "cancelled_by_buyer"
          ? "Cancelled by you"
          : order.endReason === "listing_withdrawn"
            ? "The seller withdrew the ticket before payment"
            : "Cancelled or not paid in time";
  return order.refundedAt ? `${why} · your late payment was refunded` : why;
}
