import { listenIdempotent } from "@m-ticketing/common";
import type { ExpirationQueue } from "../jobs/expiration-queue";

/** A paid order must never expire: its job is removed and the order marked (see order.cancelled). */
export const orderCompletedListener = (queue: ExpirationQueue) =>
  listenIdempotent("order.completed", async (event) => {
    await queue.cancelExpiry(event.data.id);
  });
