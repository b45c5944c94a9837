import { type EventData, type Executor, upsertNewerVersion } from "@m-ticketing/common";
import { and, eq, isNull, sql } from "drizzle-orm";
import { orders, payments } from "../db/schema";

/**
 * `order.created`: the facts of the order (buyer, price, currency, expiry) never change,
 * so they are always written; status and version only when this event is newer than what
 * we have, because `order.cancelled` may have arrived first.
 */
export async function applyOrderCreated(
  tx: Executor,
  data: EventData<"order.created">,
  correlationId?: string,
): Promise<void> {
  await tx
    .insert(orders)
    .values({
      id: data.id,
      userId: data.userId,
      status: data.status,
      price: data.ticket.price,
      currency: data.ticket.currency,
      expiresAt: new Date(data.expiresAt),
      version: data.version,
      correlationId,
      ticketId: data.ticket.id,
      sellerId: data.ticket.sellerId ?? null,
      title: data.ticket.title ?? null,
      eventStartsAt: data.ticket.startsAt ? new Date(data.ticket.startsAt) : null,
    })
    .onConflictDoUpdate({
      target: orders.id,
      set: {
        userId: sql`excluded.user_id`,
        price: sql`excluded.price`,
        currency: sql`excluded.currency`,
        expiresAt: sql`excluded.expires_at`,
        correlationId: sql`excluded.correlation_id`,
        ticketId: sql`excluded.ticket_id`,
        sellerId: sql`excluded.seller_id`,
        title: sql`excluded.title`,
        eventStartsAt: sql`excluded.event_starts_at`,
        status: sql`case when ${orders.version} < excluded.version then excluded.status else ${orders.status} end`,
        version: sql`greatest(${orders.version}, excluded.version)`,
      },
    });
}

/**
 * `order.cancelled` / `order.completed`: applied only if newer than our state (an older
 * event never overwrites a newer one). Works even when `order.created` has not arrived.
 * A cancelled order must not keep anyone's money: its completed payments (the capture
 * raced the cancellation) are marked for refund, which the janitor carries out.
 */
export async function applyOrderClosed(
  tx: Executor,
  data: EventData<"order.cancelled">,
  status: "cancelled" | "complete",
): Promise<void> {
  // The upsert takes the order's row lock, so a capture being recorded right now either
  // committed before (and its payment is refunded below) or sees the cancellation.
  const written = await upsertNewerVersion(
    tx,
    orders,
    {
      id: data.id,
      status,
      version: data.version,
      ...(status === "cancelled" && { cancellationReason: data.reason ?? null }),
    },
    { id: orders.id, version: orders.version },
  );
  const current = written ? status : (await tx.select().from(orders).where(eq(orders.id, data.id)))[0]?.status;
  if (current !== "cancelled") return;
  await tx
    .update(payments)
    .set({ refundReason: "order-cancelled" })
    .where(and(eq(payments.orderId, data.id), eq(payments.status, "completed"), isNull(payments.refundReason)));
}
