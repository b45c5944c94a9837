import { randomUUID } from "node:crypto";
import { type ResourceArgs, redisUrl, startTest, type TestStack } from "@m-ticketing/common/testing";
import { Redis } from "ioredis";
import { type createExpirationService, expirationModule } from "../src/app";
import type { ExpirationConfig } from "../src/config";
import { ExpirationQueue, jobIdFor } from "../src/jobs/expiration-queue";

/**
 * The expiration service on real NATS and Redis (common's `startTest`: no database, a
 * stream and queue prefix of its own). The test publishes order events as the orders
 * service would and reads the `expiration.complete` events from the stream.
 */
export type ExpirationTest = TestStack<
  ExpirationConfig,
  ReturnType<typeof createExpirationService>,
  { jobs: Awaited<ReturnType<typeof jobsInRedis>> }
>;

/** The test's own view of the jobs in Redis (the queue under the test's QUEUE_PREFIX). */
async function jobsInRedis({ env }: ResourceArgs) {
  const redis = new Redis(redisUrl());
  const queue = new ExpirationQueue(redis, env.QUEUE_PREFIX!);
  return {
    queue,
    stop: async () => {
      await queue.close();
      await redis.quit();
    },
  };
}

export function startExpiration(env: Record<string, string> = {}): Promise<ExpirationTest> {
  return startTest({
    services: [expirationModule],
    resources: { jobs: jobsInRedis },
    env: { PUBLISH_RETRY_DELAY_MS: "100", PUBLISH_RETRY_MAX_MS: "500", ...env },
  });
}

/** `order.created` for a new order expiring in `expiresInMs`. */
export async function createOrder(t: ExpirationTest, expiresInMs: number) {
  const data = {
    id: randomUUID(),
    userId: randomUUID(),
    status: "created" as const,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    version: 0,
    ticket: { id: randomUUID(), price: 1000, currency: "USD" },
  };
  const event = await t.publish("order.created", data);
  return { ...data, event };
}

/** The order's expiry job in Redis, if there is one. */
export const jobOf = (t: ExpirationTest, orderId: string) => t.resources.jobs.queue.queue.getJob(jobIdFor(orderId));

/** Every `expiration.complete` for the order on the stream so far. */
export async function expirationsOf(t: ExpirationTest, orderId: string) {
  return (await t.published("expiration.complete")).filter((e) => e.data.orderId === orderId);
}

/** Waits for the order's `expiration.complete` and returns every one seen for it. */
export async function awaitExpiration(t: ExpirationTest, orderId: string, timeoutMs?: number) {
  return (await t.observe("expiration.complete")).waitFor((e) => e.data.orderId === orderId, 1, timeoutMs);
}
