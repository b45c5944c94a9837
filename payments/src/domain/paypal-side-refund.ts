import type { Executor } from "@m-ticketing/common";
import { eq, sum } from "drizzle-orm";
import { payments, paypalSideRefunds } from "../db/schema";
import { recordRefundInLedger } from "./ledger";
import type { PaymentRow } from "./payment-view";
import { holdPayout } from "./payout-holds";

export interface PayPalSideRefund {
  refundId: string;
  kind: "refund" | "reversal";
  /** Cents; PayPal's amount of this refund. */
  amount: number;
  currency: string;
  source: "webhook" | "reconcile";
}

/** True when the refund is one we asked for (or are asking for): our own flow records it. */
export const isOurRefund = (payment: PaymentRow, refundId: string) =>
  payment.refundId === refundId || payment.refundReason !== null;

/**
 * Money PayPal gave back to the buyer without us (a refund in PayPal's dashboard, a
 * chargeback): recorded once per PayPal refund id, the sale's payout held, and the
 * payment marked `refunded` once everything captured went back. The one place such a
 * movement is written (webhook and reconcile both come here), with its ledger row.
 */
export async function recordPayPalSideRefund(
  tx: Executor,
  payment: PaymentRow,
  refund: PayPalSideRefund,
): Promise<boolean> {
  const inserted = await tx
    .insert(paypalSideRefunds)
    .values({
      id: refund.refundId,
      paymentId: payment.id,
      orderId: payment.orderId,
      kind: refund.kind,
      amount: refund.amount,
      currency: refund.currency,
      source: refund.source,
    })
    .onConflictDoNothing()
    .returning({ id: paypalSideRefunds.id });
  if (inserted.length === 0) return false;
  await recordRefundInLedger(tx, payment, { reference: refund.refundId, amount: refund.amount });
  await holdPayout(tx, {
    orderId: payment.orderId,
    reason: refund.kind === "reversal" ? "paypal-reversal" : "paypal-refund",
    sourceId: refund.refundId,
    note: `${refund.kind} of ${refund.amount} ${refund.currency} at PayPal`,
  });
  const [total] = await tx
    .select({ refunded: sum(paypalSideRefunds.amount).mapWith(Number) })
    .from(paypalSideRefunds)
    .where(eq(paypalSideRefunds.paymentId, payment.id));
  if ((total?.refunded ?? 0) >= payment.amount && payment.status === "completed") {
    await tx
      .update(payments)
      .set({ status: "refunded", refundId: refund.refundId, refundedAt: new Date() })
      .where(eq(payments.id, payment.id));
  }
  return true;
}
