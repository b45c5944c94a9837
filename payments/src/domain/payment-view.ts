import { formatCents } from "@m-ticketing/common";
import type { payments } from "../db/schema";

export type PaymentRow = typeof payments.$inferSelect;

/**
 * A payment as the API shows it: amounts as two-decimal strings, dates as ISO. `amount` is
 * what the buyer paid (`price` + `serviceFee`).
 */
export function toPaymentResponse(payment: PaymentRow) {
  return {
    id: payment.id,
    orderId: payment.orderId,
    paypalOrderId: payment.paypalOrderId,
    captureId: payment.captureId,
    amount: formatCents(payment.amount),
    price: formatCents(payment.price ?? payment.amount),
    serviceFee: formatCents(payment.buyerFee),
    currency: payment.currency,
    status: payment.status,
    createdAt: payment.createdAt.toISOString(),
  };
}

/** The data of `payment.created` (cents): `amount` is the order's price, as orders checks it; `total` was captured. */
export function paymentCreatedData(payment: PaymentRow) {
  return {
    id: payment.id,
    orderId: payment.orderId,
    paypalOrderId: payment.paypalOrderId,
    captureId: payment.captureId,
    amount: payment.price ?? payment.amount,
    currency: payment.currency,
    buyerFee: payment.buyerFee,
    total: payment.amount,
  };
}
