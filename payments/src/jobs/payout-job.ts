import { periodicJob } from "@m-ticketing/common";
import type { PaymentDeps } from "../domain/deps";
import { type PayoutSettings, runPayouts } from "../domain/payouts";

/**
 * Pays sellers: every PAYOUT_INTERVAL_MS, sales that became payable go to PayPal Payouts
 * in a batch, unconfirmed batches are sent again with the same ids, and payouts in flight
 * are followed to a final state (domain/payouts.ts). Every replica runs it: row locks
 * (SKIP LOCKED), conditional updates and PayPal's idempotent ids make that safe.
 */
export function payoutJob(deps: PaymentDeps, settings: PayoutSettings & { intervalMs: number }) {
  return periodicJob("payout-job", {
    intervalMs: settings.intervalMs,
    logger: deps.logger,
    pass: () => runPayouts(deps, settings),
  });
}
