import { and, desc, eq, gte, isNull } from "drizzle-orm";
import { payments, paypalSideRefunds } from "../db/schema";
import { toCents } from "../paypal/responses";
import type { PaymentDeps } from "./deps";
import { isOurRefund, recordPayPalSideRefund } from "./paypal-side-refund";

/**
 * What a webhook may have missed (our endpoint down for longer than PayPal retries, a
 * delivery lost): for each payment still `completed` from the last `lookbackDays`, PayPal's
 * order is read and every refund on it that we did not make and have not recorded is
 * recorded as a PayPal-side refund (payout held). Returns how many were found.
 */
export async function reconcileWithPayPal(
  deps: PaymentDeps,
  options: { lookbackDays: number; limit: number } = { lookbackDays: 180, limit: 500 },
): Promise<number> {
  const since = new Date(Date.now() - options.lookbackDays * 86_400_000);
  const candidates = await deps.db
    .select()
    .from(payments)
    .where(and(eq(payments.status, "completed"), isNull(payments.refundReason), gte(payments.createdAt, since)))
    .orderBy(desc(payments.createdAt))
    .limit(options.limit);
  let found = 0;
  for (const candidate of candidates) {
    try {
      const order = await deps.paypal.getOrder(candidate.paypalOrderId);
      const refunds = order.purchase_units?.[0]?.payments?.refunds ?? [];
      if (refunds.length === 0) continue;
      const known = new Set(
        (
          await deps.db
            .select({ id: paypalSideRefunds.id })
            .from(paypalSideRefunds)
            .where(eq(paypalSideRefunds.paymentId, candidate.id))
        ).map((r) => r.id),
      );
      for (const refund of refunds.filter((r) => !known.has(r.id))) {
        const recorded = await deps.db.transaction(async (tx) => {
          const [payment] = await tx.select().from(payments).where(eq(payments.id, candidate.id)).for("update");
          if (!payment || isOurRefund(payment, refund.id)) return false;
          return recordPayPalSideRefund(tx, payment, {
            refundId: refund.id,
            kind: "refund",
            amount: toCents(refund.amount?.value) ?? payment.amount,
            currency: refund.amount?.currency_code ?? payment.currency,
            source: "reconcile",
          });
        });
        if (recorded) {
          found += 1;
          deps.logger.warn(
            { paymentId: candidate.id, refundId: refund.id },
            "reconcile: a refund at PayPal had not reached us by webhook; recorded and payout held",
          );
        }
      }
    } catch (err) {
      deps.logger.warn({ err, paymentId: candidate.id }, "reconcile: could not compare with PayPal; next run retries");
    }
  }
  return found;
}
