import { currentTrace, type TraceContext } from "@m-ticketing/common";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export const QUEUE_NAME = "order-expiration";
export const JOB_NAME = "expire-order";

/** How long a settled order is remembered (the event stream keeps events 7 days). */
const SETTLED_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Effectively "until it works": with 30 s between tries this is days of NATS outage. */
export const PUBLISH_ATTEMPTS = 10_000;

/** BullMQ job ids may not contain ':' nor be all digits: `order-<uuid>` is neither. */
export const jobIdFor = (orderId: string) => `order-${orderId}`;

export interface ExpiryJobData {
  orderId: string;
  /** The trace of the `order.created` that scheduled it: `expiration.complete` continues it. */
  trace?: TraceContext;
}

/**
 * One delayed BullMQ job per order, firing at its `expiresAt`, plus a "settled" marker
 * per order (completed, cancelled or already announced) so that a late or redelivered
 * `order.created` does not schedule the order again.
 */
export class ExpirationQueue {
  readonly queue: Queue<ExpiryJobData>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.queue = new Queue<ExpiryJobData>(QUEUE_NAME, { connection: redis, prefix });
  }

  /**
   * Adds the order's job unless the order is settled. Adding again is harmless: BullMQ
   * ignores a job id that exists, so a redelivered `order.created` adds nothing.
   */
  async scheduleExpiry(orderId: string, expiresAt: Date): Promise<"scheduled" | "settled"> {
    if (await this.isSettled(orderId)) return "settled";
    await this.queue.add(
      JOB_NAME,
      { orderId, trace: currentTrace() },
      {
        jobId: jobIdFor(orderId),
        delay: Math.max(0, expiresAt.getTime() - Date.now()),
        attempts: PUBLISH_ATTEMPTS,
        backoff: { type: "publish-retry" },
        removeOnComplete: true,
        removeOnFail: { age: SETTLED_TTL_SECONDS },
      },
    );
    return "scheduled";
  }

  /** The order was paid or cancelled: its expiry must not be announced. */
  async cancelExpiry(orderId: string): Promise<void> {
    await this.markSettled(orderId);
    // Returns 0 when the job is running right now; the worker checks the marker before publishing.
    await this.queue.remove(jobIdFor(orderId));
  }

  /** Remembers that the order needs no (further) expiry job. */
  async markSettled(orderId: string): Promise<void> {
    await this.redis.set(this.settledKey(orderId), "1", "EX", SETTLED_TTL_SECONDS);
  }

  async isSettled(orderId: string): Promise<boolean> {
    return (await this.redis.exists(this.settledKey(orderId))) === 1;
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  private settledKey(orderId: string): string {
    return `${this.prefix}:${QUEUE_NAME}:settled:${orderId}`;
  }
}
