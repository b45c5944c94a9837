import { listenIdempotent } from "@m-ticketing/common";
import type { ExpirationQueue } from "../jobs/expiration-queue";

/**
 * A cancelled order needs no expiry: its job is removed and the order is marked, so an
 * `order.created` arriving late (cross-subject order is not guaranteed) does not schedule
 * it again. Both steps are idempotent.
 */
export const orderCancelledListener = (queue: ExpirationQueue) =>
  listenIdempotent("order.cancelled", async (event) => {
    await queue.cancelExpiry(event.data.id);
  });
