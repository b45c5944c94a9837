import { z } from "zod";
import { uuid } from "./shared-fields";

/** What every order event carries: the order, its version and its ticket. */
export const orderEventData = z.object({
  id: uuid,
  version: z.number().int().nonnegative(),
  ticket: z.object({ id: uuid }),
});

/**
 * Why an order ended unpaid: its buyer cancelled it, its time ran out, its event started, or
 * its seller withdrew the listing before the order was paid (`listing_withdrawn`, added
 * after the others; a reader built before it refuses the event and dead-letters it, so
 * deploy the consumers of `order.cancelled` before orders, or replay after upgrading them).
 */
export const ORDER_CANCEL_REASONS = ["cancelled_by_buyer", "expired", "event_started", "listing_withdrawn"] as const;
export type OrderCancelReason = (typeof ORDER_CANCEL_REASONS)[number];

/**
 * An order was cancelled by its buyer, expired, its event started or its listing was
 * withdrawn while it was unpaid. Published by orders. `reason` says which (absent in events
 * published before it existed).
 */
export const orderCancelled = {
  type: "order.cancelled",
  version: 1,
  data: orderEventData.extend({ reason: z.enum(ORDER_CANCEL_REASONS).optional() }),
} as const;
