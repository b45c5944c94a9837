import type { Executor } from "@m-ticketing/common";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type HoldReason, payoutHolds } from "../db/schema";

/**
 * Holds on a sale's payout: a refund, reversal or dispute at PayPal, or an open claim. The
 * payout job pays a sale only when `noOpenPayoutHold(<its order id column>)` holds; a hold is
 * released when its cause is settled (a claim rejected). Recording the same cause twice is
 * harmless (one row per reason + source id).
 */
export async function holdPayout(
  tx: Executor,
  hold: { orderId: string; reason: HoldReason; sourceId: string; note?: string },
): Promise<boolean> {
  const inserted = await tx
    .insert(payoutHolds)
    .values(hold)
    .onConflictDoNothing({ target: [payoutHolds.reason, payoutHolds.sourceId] })
    .returning({ id: payoutHolds.id });
  return inserted.length > 0;
}

export async function releasePayoutHold(tx: Executor, reason: HoldReason, sourceId: string): Promise<void> {
  await tx
    .update(payoutHolds)
    .set({ releasedAt: new Date() })
    .where(and(eq(payoutHolds.reason, reason), eq(payoutHolds.sourceId, sourceId), isNull(payoutHolds.releasedAt)));
}

export function openPayoutHolds(db: Executor, orderId: string) {
  return db
    .select()
    .from(payoutHolds)
    .where(and(eq(payoutHolds.orderId, orderId), isNull(payoutHolds.releasedAt)));
}

/** A condition for the payout job's query: the order in `orderId` has no open hold. */
export const noOpenPayoutHold = (orderId: AnyPgColumn): SQL =>
  sql`not exists (select 1 from ${payoutHolds} where ${payoutHolds.orderId} = ${orderId} and ${payoutHolds.releasedAt} is null)`;
