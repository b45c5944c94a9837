import type { ServiceResource } from "@m-ticketing/common";
import type { PaymentDeps } from "../domain/deps";
import { type PayoutSettings, runPayouts } from "../domain/payouts";

/**
 * Pays sellers: every PAYOUT_INTERVAL_MS, sales that became payable go to PayPal Payouts
 * in a batch, unconfirmed batches are sent again with the same ids, and payouts in flight
 * are followed to a final state (domain/payouts.ts). Every replica runs it: row locks
 * (SKIP LOCKED), conditional updates and PayPal's idempotent ids make that safe.
 */
export class PayoutJob implements ServiceResource {
  readonly name = "payout-job";
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly deps: PaymentDeps,
    private readonly settings: PayoutSettings & { intervalMs: number },
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass now (tests, and the next tick otherwise). */
  runOnce(): Promise<void> {
    this.running ??= runPayouts(this.deps, this.settings)
      .catch((err) => this.deps.logger.warn({ err }, "payout pass failed; will retry"))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.runOnce();
      this.schedule();
    }, this.settings.intervalMs);
    this.timer.unref();
  }
}
