import { and, asc, eq, isNotNull, isNull, lt, notExists, or, sql } from "drizzle-orm";
import { payments, paypalOrders } from "../db/schema";
import { PayPalApiError } from "../paypal/errors";
import { captureOf, toCents } from "../paypal/responses";
import { releaseCapture } from "./capture-claim";
import type { PaymentDeps } from "./deps";
import { type PayPalOrderRow, recordCapture } from "./record-capture";
import { refundPayment } from "./refund-payment";

/**
 * Captures whose outcome we never heard (PayPal time-out, a crash between PayPal's answer
 * and our commit): asks PayPal for the order and records the capture if there is one
 * (refunding it if the order is no longer payable), or forgets the claim if there is none.
 * Without this, money captured during an outage could sit on a cancelled order.
 */
export async function settleCapturesInDoubt(deps: PaymentDeps, inDoubtAfterMs: number, limit = 20): Promise<number> {
  const { db } = deps;
  const threshold = sql`now() - make_interval(secs => ${inDoubtAfterMs / 1000})`;
  const rows = await db
    .select()
    .from(paypalOrders)
    .where(
      and(
        isNotNull(paypalOrders.captureStartedAt),
        lt(paypalOrders.captureStartedAt, threshold),
        or(isNull(paypalOrders.checkedAt), lt(paypalOrders.checkedAt, threshold)),
        notExists(db.select({ one: sql`1` }).from(payments).where(eq(payments.paypalOrderId, paypalOrders.id))),
      ),
    )
    .orderBy(asc(paypalOrders.captureStartedAt))
    .limit(limit);
  for (const row of rows) {
    await db.update(paypalOrders).set({ checkedAt: new Date() }).where(eq(paypalOrders.id, row.id));
    await settleOne(deps, row);
  }
  return rows.length;
}

async function settleOne(deps: PaymentDeps, paypalOrder: PayPalOrderRow): Promise<void> {
  const { db, paypal, logger } = deps;
  let order: Awaited<ReturnType<typeof paypal.getOrder>>;
  try {
    order = await paypal.getOrder(paypalOrder.id);
  } catch (err) {
    if (err instanceof PayPalApiError && err.status === 404) return releaseCapture(db, paypalOrder.id);
    logger.warn({ err, paypalOrderId: paypalOrder.id }, "could not check a capture in doubt; will retry");
    return;
  }
  const capture = captureOf(order);
  if (capture?.status === "COMPLETED") {
    const { payment } = await recordCapture(
      db,
      paypalOrder,
      { captureId: capture.id, amount: toCents(capture.amount?.value), currency: capture.amount?.currency_code },
      deps.payoutDelaySeconds,
    );
    logger.info({ paypalOrderId: paypalOrder.id, paymentId: payment.id }, "recorded a capture that was in doubt");
    if (payment.refundReason && payment.status === "completed") {
      // If PayPal fails again the payment stays marked and refundPendingPayments retries it.
      await refundPayment(deps, payment.id).catch((err) =>
        logger.warn({ err, paymentId: payment.id }, "refund failed"),
      );
    }
    return;
  }
  // PENDING: PayPal may still complete it; look again later. Anything else: nothing was taken.
  if (capture?.status !== "PENDING") await releaseCapture(db, paypalOrder.id);
}
