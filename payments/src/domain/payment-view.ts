import { formatCents } from "@m-ticketing/common";
import type { payments } from "../db/schema";

export type PaymentRow = typeof payments.$inferSelect;

/** A payment as the API shows it: amount as a two-decimal string, dates as ISO. */
export function toPaymentResponse(payment: PaymentRow) {
  return {
    id: payment.id,
    orderId: payment.orderId,
    paypalOrderId: payment.paypalOrderId,
    captureId: payment.captureId,
    amount: formatCents(payment.amount),
    currency: payment.currency,
    status: payment.status,
    createdAt: payment.createdAt.toISOString(),
  };
}

/** The data of `payment.created` (amount in cents). */
export function paymentCreatedData(payment: PaymentRow) {
  return {
    id: payment.id,
    orderId: payment.orderId,
    paypalOrderId: payment.paypalOrderId,
    captureId: payment.captureId,
    amount: payment.amount,
    currency: payment.currency,
  };
}
