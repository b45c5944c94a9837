import { randomUUID } from "node:crypto";
import { BadGatewayError, ConflictError, NotFoundError } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { orders, payments, paypalOrders } from "../db/schema";
import { PayPalApiError, PayPalUnavailableError } from "../paypal/errors";
import { captureOf, type PayPalOrder, toCents } from "../paypal/responses";
import { claimCapture, releaseCapture } from "./capture-claim";
import type { PaymentDeps } from "./deps";
import { PaymentDeclinedError } from "./errors";
import { hasCompletedPayment, UNPAYABLE_MESSAGES, unpayableMessage, unpayableReason } from "./order-validity";
import type { PaymentRow } from "./payment-view";
import { type PayPalOrderRow, recordCapture } from "./record-capture";
import { refundPayment } from "./refund-payment";

/** PayPal issues meaning the buyer's funding source was refused: they can pick another. */
const DECLINED = new Set([
  "INSTRUMENT_DECLINED",
  "TRANSACTION_REFUSED",
  "PAYER_CANNOT_PAY",
  "PAYER_ACCOUNT_RESTRICTED",
  "PAYER_ACCOUNT_LOCKED_OR_CLOSED",
  "MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED",
  "COMPLIANCE_VIOLATION",
]);

/**
 * Takes the buyer's approved PayPal payment for their order. Money only moves for a
 * valid, unexpired, unpaid order: that is checked before calling PayPal, and again when
 * the capture is recorded (the order may have been cancelled or expired during the call,
 * in which case the capture is refunded at once and the answer is 409). Repeating the
 * call returns the payment already recorded and never captures twice. With `orderId`, the
 * PayPal order must have been made for that order (404 otherwise).
 */
export async function capturePayment(
  deps: PaymentDeps,
  userId: string,
  paypalOrderId: string,
  orderId?: string,
): Promise<{ payment: PaymentRow; created: boolean }> {
  const { db } = deps;
  const [paypalOrder] = await db.select().from(paypalOrders).where(eq(paypalOrders.id, paypalOrderId));
  if (!paypalOrder || paypalOrder.userId !== userId) throw new NotFoundError("PayPal order not found");
  if (orderId !== undefined && paypalOrder.orderId !== orderId) {
    throw new NotFoundError("PayPal order not found for this order");
  }

  const [existing] = await db.select().from(payments).where(eq(payments.paypalOrderId, paypalOrderId));
  if (existing) return settle(existing, false);

  const [order] = await db.select().from(orders).where(eq(orders.id, paypalOrder.orderId));
  const reason = order ? unpayableReason(order, await hasCompletedPayment(db, order.id)) : "order-cancelled";
  if (reason) throw new ConflictError(unpayableMessage(reason, order));

  // Outside any transaction: no database connection or lock is held while PayPal works.
  const requestId = await claimCapture(db, paypalOrderId, `capture-${paypalOrderId}-${randomUUID()}`);
  let result: PayPalOrder;
  try {
    result = await deps.paypal.captureOrder(paypalOrderId, requestId);
  } catch (err) {
    result = await afterCaptureError(deps, paypalOrder, err);
  }

  const capture = captureOf(result);
  if (capture?.status !== "COMPLETED") return notCompleted(deps, paypalOrder, capture?.status);
  const recorded = await recordCapture(
    db,
    paypalOrder,
    { captureId: capture.id, amount: toCents(capture.amount?.value), currency: capture.amount?.currency_code },
    deps.payoutDelaySeconds,
  );
  if (recorded.payment.refundReason && recorded.payment.status === "completed") {
    const refunded = await refundPayment(deps, recorded.payment.id).catch((err) => {
      deps.logger.warn({ err, paymentId: recorded.payment.id }, "refund failed; the janitor will retry it");
      return recorded.payment;
    });
    return settle(refunded ?? recorded.payment, recorded.created);
  }
  return settle(recorded.payment, recorded.created);
}

/** A recorded payment as the caller sees it: the payment, or 409 when it went (or goes) back. */
function settle(payment: PaymentRow, created: boolean): { payment: PaymentRow; created: boolean } {
  // A claim refunded later does not undo the capture: a repeated capture call still answers the payment.
  if (!payment.refundReason || payment.refundReason === "claim-upheld") return { payment, created };
  const outcome = payment.status === "refunded" ? "payment refunded" : "the payment will be refunded";
  if (payment.refundReason === "amount-mismatch") {
    throw new BadGatewayError(`PayPal captured an unexpected amount; ${outcome}`);
  }
  throw new ConflictError(`${UNPAYABLE_MESSAGES[payment.refundReason]}; ${outcome}`);
}

async function afterCaptureError(deps: PaymentDeps, paypalOrder: PayPalOrderRow, err: unknown): Promise<PayPalOrder> {
  const { db, logger, paypal } = deps;
  if (err instanceof PayPalUnavailableError) {
    // The capture may or may not have happened: the claim stays and the janitor finds out.
    logger.warn({ err, paypalOrderId: paypalOrder.id }, "PayPal unavailable during capture");
    throw new BadGatewayError("PayPal is unavailable; try again");
  }
  if (!(err instanceof PayPalApiError)) throw err;
  if (err.issue === "ORDER_ALREADY_CAPTURED") {
    // Captured by an earlier call whose answer was lost: read the capture from the order.
    return paypal.getOrder(paypalOrder.id).catch((readErr) => {
      logger.warn({ err: readErr, paypalOrderId: paypalOrder.id }, "could not read a captured PayPal order");
      throw new BadGatewayError("PayPal is unavailable; try again");
    });
  }
  await releaseCapture(db, paypalOrder.id);
  if (err.issue === "ORDER_NOT_APPROVED" || err.issue === "PAYER_ACTION_REQUIRED") {
    throw new ConflictError("the buyer has not approved the payment at PayPal yet");
  }
  if (err.issue && DECLINED.has(err.issue)) {
    throw new PaymentDeclinedError("PayPal declined the payment; choose another way to pay and try again");
  }
  if (err.issue === "ORDER_EXPIRED" || err.issue === "ORDER_CANNOT_BE_SAVED") {
    throw new ConflictError("the PayPal order expired; start the payment again");
  }
  if (err.status === 404) throw new NotFoundError("PayPal order not found");
  logger.error({ err, paypalOrderId: paypalOrder.id }, "PayPal refused the capture");
  throw new BadGatewayError("PayPal refused the payment; try again later");
}

/** PayPal answered, but the capture is not COMPLETED (PENDING review, DECLINED, …). */
async function notCompleted(
  deps: PaymentDeps,
  paypalOrder: PayPalOrderRow,
  status: string | undefined,
): Promise<never> {
  if (status === "PENDING") {
    // Money may still arrive: keep the claim so the janitor records it once PayPal completes it.
    throw new ConflictError("PayPal is still processing the payment; check its status again later");
  }
  await releaseCapture(deps.db, paypalOrder.id);
  deps.logger.warn({ paypalOrderId: paypalOrder.id, status }, "PayPal capture not completed");
  throw new PaymentDeclinedError(`PayPal did not complete the payment (${status ?? "no capture"})`);
}
