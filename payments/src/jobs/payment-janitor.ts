import type { ServiceResource } from "@m-ticketing/common";
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
export class PaymentJanitor implements ServiceResource {
  readonly name = "payment-janitor";
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly deps: PaymentDeps,
    private readonly options: JanitorOptions,
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

  /** One pass (also used by tests that want the work done now rather than at the next tick). */
  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      await refundPendingPayments(this.deps);
      await settleCapturesInDoubt(this.deps, this.options.captureInDoubtAfterMs);
    } catch (err) {
      this.deps.logger.warn({ err }, "payment janitor pass failed; will retry");
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.runOnce();
      this.schedule();
    }, this.options.intervalMs);
    this.timer.unref();
  }
}
