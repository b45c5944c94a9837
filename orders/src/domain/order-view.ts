import { formatCents } from "@m-ticketing/common";
import type { orders, tickets } from "../db/schema";

export type OrderRow = typeof orders.$inferSelect;
export type TicketReplica = typeof tickets.$inferSelect;

/** An order as the API shows it, with its ticket (price as placed, as a two-decimal string). */
export function toOrderResponse(order: OrderRow, ticket: Pick<TicketReplica, "id" | "title">) {
  return {
    id: order.id,
    status: order.status,
    /** Why the order ended unpaid: `cancelled_by_buyer`, `expired`, `event_started` or `listing_withdrawn`; null otherwise. */
    endReason: order.cancellationReason,
    /** When a payment that arrived after the order ended was refunded; null otherwise. */
    refundedAt: order.refundedAt?.toISOString() ?? null,
    expiresAt: order.expiresAt.toISOString(),
    userId: order.userId,
    ticket: { id: ticket.id, title: ticket.title, price: formatCents(order.priceCents), currency: order.currency },
    version: order.version,
    createdAt: order.createdAt.toISOString(),
  };
}
