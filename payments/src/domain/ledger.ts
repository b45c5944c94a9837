import type { Executor } from "@m-ticketing/common";
import { and, eq, inArray, sql } from "drizzle-orm";
import { type LedgerKind, ledger, sales } from "../db/schema";

export interface Movement {
  kind: LedgerKind;
  /** Cents, > 0 (a zero movement is not written). */
  amount: number;
  /** PayPal's id of the movement, or ours: one row per (payment, kind, reference). */
  reference: string;
}

/**
 * Appends movements of one payment to the ledger, in the caller's transaction (the one
 * that records the movement itself). A movement already written (same payment, kind and
 * reference) is not written again, so a replayed step cannot count money twice.
 */
export async function appendToLedger(
  tx: Executor,
  payment: { id: string; orderId: string; currency: string },
  movements: Movement[],
): Promise<void> {
  const rows = movements
    .filter((m) => m.amount > 0)
    .map((m) => ({ paymentId: payment.id, orderId: payment.orderId, currency: payment.currency, ...m }));
  if (rows.length > 0) await tx.insert(ledger).values(rows).onConflictDoNothing();
}

export interface LedgerBalance {
  captured: number;
  refunded: number;
  /** Fees earned: buyer + seller fees − reversed fees. */
  fees: number;
  /** Payouts − payouts that came back. */
  paidOut: number;
  /** What we still hold for this payment: captured − refunded − fees − paidOut. */
  held: number;
}

/** The ledger's sums for one payment (the equation's terms). */
export async function ledgerBalance(db: Executor, paymentId: string): Promise<LedgerBalance> {
  const rows = await db
    .select({ kind: ledger.kind, total: sql<number>`sum(${ledger.amount})::int` })
    .from(ledger)
    .where(eq(ledger.paymentId, paymentId))
    .groupBy(ledger.kind);
  const sum = (kind: LedgerKind) => rows.find((r) => r.kind === kind)?.total ?? 0;
  const captured = sum("capture");
  const refunded = sum("refund");
  const fees = sum("buyer-fee") + sum("seller-fee") - sum("fee-reversal");
  const paidOut = sum("payout") - sum("payout-reversal");
  return { captured, refunded, fees, paidOut, held: captured - refunded - fees - paidOut };
}

/**
 * Money went back to the buyer (our refund, or one made at PayPal): the refund goes to the
 * ledger, and once everything captured is back, a sale not yet paid out is closed as
 * `refunded` with its fees given up. Call in the transaction that records the refund.
 */
export async function recordRefundInLedger(
  tx: Executor,
  payment: { id: string; orderId: string; currency: string; amount: number },
  refund: { reference: string; amount: number },
): Promise<void> {
  await appendToLedger(tx, payment, [{ kind: "refund", amount: refund.amount, reference: refund.reference }]);
  const { refunded } = await ledgerBalance(tx, payment.id);
  if (refunded < payment.amount) return;
  const [sale] = await tx
    .update(sales)
    .set({ status: "refunded", updatedAt: new Date() })
    .where(and(eq(sales.paymentId, payment.id), inArray(sales.status, ["pending", "failed"])))
    .returning();
  if (sale) {
    await appendToLedger(tx, payment, [
      { kind: "fee-reversal", amount: sale.buyerFee + sale.sellerFee, reference: refund.reference },
    ]);
  }
}
