import { z } from "zod";
import { uuid } from "./shared-fields";

/** What every order event carries: the order, its version and its ticket. */
export const orderEventData = z.object({
  id: uuid,
  version: z.number().int().nonnegative(),
  ticket: z.object({ id: uuid }),
});

/** Why an order ended unpaid: its buyer cancelled it, its time ran out, or its event started. */
export const ORDER_CANCEL_REASONS = ["cancelled_by_buyer", "expired", "event_started"] as const;

/**
 * An order was cancelled by its buyer, expired, or its event started while it was unpaid.
 * Published by orders. `reason` says which (absent in events published before it existed).
 */
export const orderCancelled = {
  type: "order.cancelled",
  version: 1,
  data: orderEventData.extend({ reason: z.enum(ORDER_CANCEL_REASONS).optional() }),
} as const;
