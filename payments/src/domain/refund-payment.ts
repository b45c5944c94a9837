import { addToOutbox, createEvent, withinAction } from "@m-ticketing/common";
import { and, eq } from "drizzle-orm";
import { orders, payments, type RefundReason } from "../db/schema";
import { PayPalApiError } from "../paypal/errors";
import type { PaymentDeps } from "./deps";
import { recordRefundInLedger } from "./ledger";
import type { PaymentRow } from "./payment-view";

const NOTES: Record<RefundReason, string> = {
  "order-cancelled": "Your order was cancelled before the payment arrived; the full amount is refunded.",
  "order-expired": "Your reservation expired before the payment arrived; the full amount is refunded.",
  "order-already-paid": "This order was already paid; the second payment is refunded.",
  "amount-mismatch": "The payment did not match the order's amount; it is refunded.",
  "claim-upheld": "Your claim was accepted: the ticket price and the service fee are refunded in full.",
};

/**
 * Gives back the money of a payment marked for refund: a full refund at PayPal (request id
 * derived from the payment, so a retry never refunds twice), then, in one transaction,
 * the payment becomes `refunded` and `payment.refunded` goes to the outbox. Throws when
 * PayPal cannot be reached; the payment stays marked and the janitor tries again.
 */
export async function refundPayment(deps: PaymentDeps, paymentId: string): Promise<PaymentRow | undefined> {
  const { db, paypal, logger } = deps;
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment?.refundReason || payment.status === "refunded") return payment;

  let refundId: string;
  try {
    const refund = await paypal.refundCapture(payment.captureId, `refund-${payment.id}`, NOTES[payment.refundReason]);
    if (refund.status !== "COMPLETED" && refund.status !== "PENDING") {
      throw new Error(`PayPal refund ${refund.id} of capture ${payment.captureId} is ${refund.status}`);
    }
    refundId = refund.id;
  } catch (err) {
    // Refunded by other means (e.g. by hand in PayPal's dashboard): the money is back already.
    if (!(err instanceof PayPalApiError && err.issue === "CAPTURE_FULLY_REFUNDED")) throw err;
    logger.warn({ paymentId, captureId: payment.captureId }, "capture was already refunded at PayPal");
    refundId = "refunded-at-paypal";
  }

  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(payments)
      .set({ status: "refunded", refundId, refundedAt: new Date() })
      .where(and(eq(payments.id, payment.id), eq(payments.status, "completed")))
      .returning();
    if (!updated) return (await tx.select().from(payments).where(eq(payments.id, payment.id)))[0];
    await recordRefundInLedger(tx, updated, { reference: refundId, amount: updated.amount });
    const [order] = await tx
      .select({ correlationId: orders.correlationId })
      .from(orders)
      .where(eq(orders.id, updated.orderId));
    const refunded = withinAction(order?.correlationId, () =>
      createEvent("payment.refunded", {
        id: updated.id,
        orderId: updated.orderId,
        paypalOrderId: updated.paypalOrderId,
        captureId: updated.captureId,
        refundId,
        amount: updated.amount,
        currency: updated.currency,
      }),
    );
    await addToOutbox(tx, refunded);
    logger.info({ paymentId, orderId: updated.orderId, reason: updated.refundReason, refundId }, "payment refunded");
    return updated;
  });
}
