import { periodicJob } from "@m-ticketing/common";
import type { PaymentDeps } from "../domain/deps";
import { reconcileWithPayPal } from "../domain/reconcile";

/**
 * The nightly comparison with PayPal (RECONCILE_INTERVAL_MS, default 24 h) for anything a
 * webhook missed. Every replica may run it: recording is idempotent by PayPal's refund id.
 */
export function paypalReconciler(deps: PaymentDeps, intervalMs: number) {
  return periodicJob("paypal-reconciler", { intervalMs, logger: deps.logger, pass: () => reconcileWithPayPal(deps) });
}
