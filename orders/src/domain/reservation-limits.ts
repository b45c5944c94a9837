import { type Executor, TooManyRequestsError } from "@m-ticketing/common";
import { and, eq, gt, sql } from "drizzle-orm";
import { orders } from "../db/schema";

export interface ReservationLimits {
  /** Unpaid, unexpired orders one buyer may hold at once (MAX_ACTIVE_ORDERS_PER_BUYER). */
  maxActivePerBuyer: number;
  /** Wait after an order of yours for a ticket was cancelled or expired before reserving it again. */
  rereserveCooldownSeconds: number;
}

/**
 * Stops one account from holding the market: a cap on the reservations it holds at once,
 * and a cool-down before it may reserve again a ticket whose order it cancelled or let
 * expire (otherwise cancel + reserve keeps a ticket off sale for ever). Both 429 with
 * Retry-After naming `ticketId`. Runs in the reservation's transaction, under a per-buyer
 * lock, so parallel requests cannot overshoot the cap.
 */
export async function assertMayReserve(
  tx: Executor,
  buyerId: string,
  ticketId: string,
  limits: ReservationLimits,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`reserve:${buyerId}`}, 0))`);
  const [held] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      firstExpiry: sql<number>`coalesce(extract(epoch from min(${orders.expiresAt}) - now()), 1)::float8`,
    })
    .from(orders)
    .where(and(eq(orders.userId, buyerId), eq(orders.status, "created"), gt(orders.expiresAt, sql`now()`)));
  if (held && held.count >= limits.maxActivePerBuyer) {
    throw new TooManyRequestsError(
      held.firstExpiry,
      `You already hold ${held.count} reservations: pay for or cancel one first`,
      "ticketId",
    );
  }
  const [recent] = await tx
    .select({
      wait: sql<number>`extract(epoch from max(${orders.cancelledAt}) + make_interval(secs => ${limits.rereserveCooldownSeconds}) - now())::float8`,
    })
    .from(orders)
    .where(and(eq(orders.userId, buyerId), eq(orders.ticketId, ticketId), eq(orders.status, "cancelled")));
  if (recent?.wait && recent.wait > 0) {
    throw new TooManyRequestsError(recent.wait, "You cancelled this ticket a moment ago; try again later", "ticketId");
  }
}
