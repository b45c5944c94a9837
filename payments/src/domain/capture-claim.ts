import type { Executor } from "@m-ticketing/common";
import { eq, sql } from "drizzle-orm";
import { paypalOrders } from "../db/schema";

/**
 * Marks a capture as under way and returns the PayPal-Request-Id that every attempt of it
 * reuses (concurrent calls get the same one), so PayPal captures at most once and a retry
 * after a lost answer gets the first capture back. A claim left behind by a crash or an
 * outage is a capture in doubt, settled later by the janitor.
 */
export async function claimCapture(db: Executor, paypalOrderId: string, candidateRequestId: string): Promise<string> {
  const [row] = await db
    .update(paypalOrders)
    .set({
      captureRequestId: sql`coalesce(${paypalOrders.captureRequestId}, ${candidateRequestId})`,
      captureStartedAt: sql`coalesce(${paypalOrders.captureStartedAt}, now())`,
    })
    .where(eq(paypalOrders.id, paypalOrderId))
    .returning({ requestId: paypalOrders.captureRequestId });
  return row?.requestId ?? candidateRequestId;
}

/**
 * PayPal answered that nothing was captured (not approved, declined, …): forget the
 * claim, so the next attempt uses a new request id (PayPal would replay an old answer).
 */
export async function releaseCapture(db: Executor, paypalOrderId: string): Promise<void> {
  await db
    .update(paypalOrders)
    .set({ captureRequestId: null, captureStartedAt: null, checkedAt: null })
    .where(eq(paypalOrders.id, paypalOrderId));
}
