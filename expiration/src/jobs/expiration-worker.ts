import { type Logger, type Messaging, withTrace } from "@m-ticketing/common";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { expirationCompleteEvent } from "./expiration-event";
import { type ExpirationQueue, type ExpiryJobData, QUEUE_NAME } from "./expiration-queue";

export interface WorkerOptions {
  /** A connection with `maxRetriesPerRequest: null`, as BullMQ requires for workers. */
  redis: Redis;
  prefix: string;
  messaging: Messaging;
  queue: ExpirationQueue;
  logger: Logger;
  concurrency: number;
  retryDelayMs: number;
  retryMaxMs: number;
}

/**
 * Runs due expiry jobs: publishes `expiration.complete {orderId}` straight to JetStream.
 * The service has no database, so there is no outbox; the job is the at-least-once
 * record instead: it stays in Redis until JetStream acknowledged the publication, and a
 * failed publish (NATS down) is retried with backoff. BullMQ's job lock gives a due job to
 * one worker of all replicas; should a stalled job run twice, the fixed event id makes
 * JetStream (and every consumer's inbox) drop the copy.
 */
export function createExpirationWorker(options: WorkerOptions): Worker<ExpiryJobData> {
  const { messaging, queue, logger } = options;
  const worker = new Worker<ExpiryJobData>(
    QUEUE_NAME,
    async (job: Job<ExpiryJobData>) => {
      const { orderId, trace } = job.data;
      if (await queue.isSettled(orderId)) return "settled";
      // The event (and the log line) continue the purchase that scheduled the job.
      const event = trace ? withTrace(trace, () => expirationCompleteEvent(orderId)) : expirationCompleteEvent(orderId);
      await messaging.js.publish(`${messaging.subjectPrefix}${event.type}`, JSON.stringify(event), {
        msgID: event.id,
      });
      // A retry of this job (or a redelivered order.created) now knows it was announced.
      await queue.markSettled(orderId);
      logger.info(
        { orderId, attempt: job.attemptsMade + 1, correlationId: event.correlationId, causationId: event.causationId },
        "order expired; expiration.complete published",
      );
      return "published";
    },
    {
      connection: options.redis,
      prefix: options.prefix,
      concurrency: options.concurrency,
      settings: {
        backoffStrategy: (attemptsMade: number) =>
          Math.min(options.retryDelayMs * 2 ** Math.max(0, attemptsMade - 1), options.retryMaxMs),
      },
    },
  );
  worker.on("failed", (job, err) => {
    logger.warn(
      { err, orderId: job?.data.orderId, attempts: job?.attemptsMade },
      "could not publish expiry; will retry",
    );
  });
  worker.on("error", (err) => logger.warn({ err }, "expiration worker error"));
  return worker;
}
