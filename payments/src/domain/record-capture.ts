import { addToOutbox, createEvent, type Executor, withinAction } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { orders, payments, paypalOrders, type RefundReason, sales } from "../db/schema";
import { appendToLedger } from "./ledger";
import { hasCompletedPayment, unpayableReason } from "./order-validity";
import { type PaymentRow, paymentCreatedData } from "./payment-view";

export type PayPalOrderRow = typeof paypalOrders.$inferSelect;

/** What PayPal reported for a COMPLETED capture (amount in cents, null if unreadable). */
export interface CaptureFacts {
  captureId: string;
  amount: number | null;
  currency: string | undefined;
}

/**
 * Stores money PayPal captured, in one transaction under the order's row lock: a payment
 * for a still valid order (and `payment.created` through the outbox), or, when the order
 * was cancelled, expired or paid meanwhile, or PayPal captured another amount, a payment
 * marked for refund. Idempotent per PayPal order: a second call returns the first payment.
 * The ledger gets the capture; a payment that stands also gets its fees and becomes a
 * sale owed to the seller, payable `payoutDelaySeconds` after the event starts.
 */
export async function recordCapture(
  db: Executor,
  paypalOrder: PayPalOrderRow,
  capture: CaptureFacts,
  payoutDelaySeconds: number,
): Promise<{ payment: PaymentRow; created: boolean }> {
  return db.transaction(async (tx) => {
    // Lock first: concurrent captures and the order.cancelled listener queue up here.
    const [order] = await tx.select().from(orders).where(eq(orders.id, paypalOrder.orderId)).for("update");
    const [existing] = await tx.select().from(payments).where(eq(payments.paypalOrderId, paypalOrder.id));
    if (existing) return { payment: existing, created: false };

    const exact = capture.amount === paypalOrder.amount && capture.currency === paypalOrder.currency;
    const refundReason: RefundReason | null = !exact
      ? "amount-mismatch"
      : order
        ? unpayableReason(order, await hasCompletedPayment(tx, order.id))
        : "order-cancelled";
    const [payment] = await tx
      .insert(payments)
      .values({
        orderId: paypalOrder.orderId,
        userId: paypalOrder.userId,
        paypalOrderId: paypalOrder.id,
        captureId: capture.captureId,
        amount: capture.amount ?? paypalOrder.amount,
        currency: capture.currency ?? paypalOrder.currency,
        price: paypalOrder.price,
        buyerFee: paypalOrder.buyerFee,
        sellerFee: paypalOrder.sellerFee,
        status: "completed",
        refundReason,
      })
      .returning();
    const paid = payment!;
    await appendToLedger(tx, paid, [{ kind: "capture", amount: paid.amount, reference: paid.captureId }]);
    if (!refundReason && order) {
      const price = paid.price ?? paid.amount;
      await appendToLedger(tx, paid, [
        { kind: "buyer-fee", amount: paid.buyerFee, reference: paid.captureId },
        { kind: "seller-fee", amount: paid.sellerFee, reference: paid.captureId },
      ]);
      await tx.insert(sales).values({
        paymentId: paid.id,
        orderId: paid.orderId,
        sellerId: order.sellerId,
        buyerId: paid.userId,
        ticketId: order.ticketId,
        title: order.title,
        eventStartsAt: order.eventStartsAt,
        currency: paid.currency,
        price,
        buyerFee: paid.buyerFee,
        sellerFee: paid.sellerFee,
        amountDue: price - paid.sellerFee,
        payableAt: order.eventStartsAt ? new Date(order.eventStartsAt.getTime() + payoutDelaySeconds * 1000) : null,
      });
    }
    await tx
      .update(paypalOrders)
      .set({ captureRequestId: null, captureStartedAt: null })
      .where(eq(paypalOrders.id, paypalOrder.id));
    if (!refundReason) {
      const paid = withinAction(order?.correlationId, () =>
        createEvent("payment.created", paymentCreatedData(payment!)),
      );
      await addToOutbox(tx, paid);
    }
    return { payment: payment!, created: true };
  });
}
