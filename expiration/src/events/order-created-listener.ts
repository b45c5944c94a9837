import { listenIdempotent } from "@m-ticketing/common";
import type { ExpirationQueue } from "../jobs/expiration-queue";

/**
 * Schedules the order's expiry at `expiresAt`. Idempotent without an inbox: the job id is
 * the order id, so a redelivered event cannot add a second job.
 */
export const orderCreatedListener = (queue: ExpirationQueue) =>
  listenIdempotent("order.created", async (event) => {
    if (event.data.status !== "created") return;
    await queue.scheduleExpiry(event.data.id, new Date(event.data.expiresAt));
  });
