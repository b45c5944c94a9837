import { periodicJob } from "@m-ticketing/common";
import type { PaymentDeps } from "../domain/deps";
import { refundPendingPayments } from "../domain/refund-pending";
import { settleCapturesInDoubt } from "../domain/settle-in-doubt";

export interface JanitorOptions {
  intervalMs: number;
  captureInDoubtAfterMs: number;
}

/**
 * Background work that must eventually happen even if PayPal or this process fails at the
 * worst moment: refunds still owed and captures in doubt. Every replica runs it; the work
 * is idempotent (PayPal-Request-Id per payment, unique capture per PayPal order).
 */
export function paymentJanitor(deps: PaymentDeps, options: JanitorOptions) {
  return periodicJob("payment-janitor", {
    intervalMs: options.intervalMs,
    logger: deps.logger,
    pass: async () => {
      await refundPendingPayments(deps);
      await settleCapturesInDoubt(deps, options.captureInDoubtAfterMs);
    },
  });
}
