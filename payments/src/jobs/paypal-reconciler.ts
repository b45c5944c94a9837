import type { ServiceResource } from "@m-ticketing/common";
import type { PaymentDeps } from "../domain/deps";
import { reconcileWithPayPal } from "../domain/reconcile";

/**
 * The nightly comparison with PayPal (RECONCILE_INTERVAL_MS, default 24 h) for anything a
 * webhook missed. Every replica may run it: recording is idempotent by PayPal's refund id.
 */
export class PayPalReconciler implements ServiceResource {
  readonly name = "paypal-reconciler";
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly deps: PaymentDeps,
    private readonly intervalMs: number,
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

  /** One run now (tests, and an operator's script). */
  runOnce(): Promise<number> {
    this.running ??= reconcileWithPayPal(this.deps)
      .catch((err) => {
        this.deps.logger.warn({ err }, "reconcile run failed; will retry");
        return 0;
      })
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
    }, this.intervalMs);
    this.timer.unref();
  }
}
