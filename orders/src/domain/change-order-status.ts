import {
  addToOutbox,
  ConflictError,
  createEvent,
  type Executor,
  NotFoundError,
  RefusedEventError,
} from "@m-ticketing/common";
import { and, eq, isNull, sql } from "drizzle-orm";
import { orders, tickets } from "../db/schema";
import type { OrderWithTicket } from "./find-orders";
import type { OrderRow } from "./order-view";

/** The order row, locked until the transaction ends, so a cancellation and a payment take turns. */
async function lockOrder(tx: Executor, id: string): Promise<OrderRow | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for("update");
  return order;
}

type CancellationReason = NonNullable<OrderRow["cancellationReason"]>;

async function setStatus(
  tx: Executor,
  order: OrderRow,
  status: "cancelled" | "complete",
  reason: CancellationReason | null = null,
): Promise<OrderRow> {
  const [changed] = await tx
    .update(orders)
    .set({
      status,
      version: order.version + 1,
      cancellationReason: reason,
      ...(status === "cancelled" ? { cancelledAt: sql`now()` } : {}),
    })
    .where(eq(orders.id, order.id))
    .returning();
  if (!changed) throw new Error(`order ${order.id} vanished while locked`);
  const data = { id: changed.id, version: changed.version, ticket: { id: changed.ticketId } };
  await addToOutbox(
    tx,
    reason
      ? createEvent("order.cancelled", { ...data, reason })
      : createEvent(status === "cancelled" ? "order.cancelled" : "order.completed", data),
  );
  return changed;
}

/**
 * The buyer cancels their order, freeing the ticket. Cancelling twice answers the
 * cancelled order unchanged; a paid order cannot be cancelled. Returns the order with its
 * ticket, read once (the order row locked, the ticket replica not).
 */
export async function cancelOrder(db: Executor, orderId: string, buyerId: string): Promise<OrderWithTicket> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ order: orders, ticket: tickets })
      .from(orders)
      .innerJoin(tickets, eq(orders.ticketId, tickets.id))
      .where(and(eq(orders.id, orderId), eq(orders.userId, buyerId)))
      .for("update", { of: orders });
    if (!found) throw new NotFoundError("Order not found");
    const { order, ticket } = found;
    if (order.status === "complete") throw new ConflictError("The order is paid and cannot be cancelled");
    if (order.status === "cancelled") return found;
    return { order: await setStatus(tx, order, "cancelled", "cancelled_by_buyer"), ticket };
  });
}

/**
 * The reservation time is up (`expiration.complete`), its event started while unpaid
 * (the start job) or its listing was withdrawn: cancel the order if it is still
 * waiting for payment. A paid or already cancelled order stays as it is and nothing is
 * published. Returns whether the order was cancelled now.
 */
export async function endUnpaidOrder(
  tx: Executor,
  orderId: string,
  reason: Exclude<CancellationReason, "cancelled_by_buyer"> = "expired",
): Promise<boolean> {
  const order = await lockOrder(tx, orderId);
  if (order?.status !== "created") return false;
  await setStatus(tx, order, "cancelled", reason);
  return true;
}

/**
 * A payment was captured (`payment.created`): the order is complete if it is still
 * waiting. A payment for a cancelled order is refunded by payments, not applied here.
 * A payment of another amount or currency than the order's price is refused (whoever
 * published it, the order was not paid for): it throws RefusedEventError and nothing changes.
 * Returns what happened, for the log.
 */
export async function completeOrder(
  tx: Executor,
  payment: { orderId: string; amount: number; currency: string },
): Promise<"completed" | OrderRow["status"] | "unknown"> {
  const order = await lockOrder(tx, payment.orderId);
  if (!order) return "unknown";
  if (payment.amount !== order.priceCents || payment.currency !== order.currency) {
    throw new RefusedEventError(
      `payment of ${payment.amount} ${payment.currency} for order ${order.id} priced ${order.priceCents} ${order.currency}`,
    );
  }
  if (order.status !== "created") return order.status;
  await setStatus(tx, order, "complete");
  return "completed";
}

/**
 * Payments refunded a payment of this order (`payment.refunded`). Recorded only on a
 * cancelled order (the capture came after it ended: the buyer is told their money went
 * back); a refund on a paid order is a second payment for it, and the order stays paid.
 * Returns whether the refund was recorded now (a redelivery changes nothing).
 */
export async function recordRefund(tx: Executor, orderId: string, at: Date): Promise<boolean> {
  const changed = await tx
    .update(orders)
    .set({ refundedAt: at })
    .where(and(eq(orders.id, orderId), eq(orders.status, "cancelled"), isNull(orders.refundedAt)))
    .returning({ id: orders.id });
  return changed.length > 0;
}

/**
 * The seller withdrew the ticket (`ticket.updated`, status `withdrawn`) after this service
 * accepted an order for it, before tickets heard of the order: the order still awaiting
 * payment ends (`listing_withdrawn`), so payments takes no money for it and refunds any
 * capture that lands after. A paid order stays paid: the sale was made before the
 * withdrawal reached us, and tickets marks the listing sold. Returns how many ended.
 */
export async function endOrdersOfWithdrawnTicket(tx: Executor, ticketId: string): Promise<number> {
  const waiting = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.ticketId, ticketId), eq(orders.status, "created")));
  let ended = 0;
  for (const { id } of waiting) if (await endUnpaidOrder(tx, id, "listing_withdrawn")) ended++;
  return ended;
}
