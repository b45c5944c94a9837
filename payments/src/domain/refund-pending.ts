import { and, asc, eq, isNotNull } from "drizzle-orm";
import { payments } from "../db/schema";
import type { PaymentDeps } from "./deps";
import { refundPayment } from "./refund-payment";

/** Carries out the refunds still owed (PayPal was down, or order.cancelled came after the payment). */
export async function refundPendingPayments(deps: PaymentDeps, limit = 20): Promise<number> {
  const pending = await deps.db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.status, "completed"), isNotNull(payments.refundReason)))
    .orderBy(asc(payments.createdAt))
    .limit(limit);
  for (const { id } of pending) {
    await refundPayment(deps, id).catch((err) => deps.logger.warn({ err, paymentId: id }, "refund failed; will retry"));
  }
  return pending.length;
}
