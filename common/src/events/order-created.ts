import { z } from "zod";
import { cents, currency, orderStatus, uuid } from "./shared-fields";

/** A buyer reserved a ticket; the reservation lasts until `expiresAt`. Published by orders. */
export const orderCreated = {
  type: "order.created",
  version: 1,
  data: z.object({
    id: uuid,
    userId: uuid,
    status: orderStatus,
    expiresAt: z.iso.datetime(),
    version: z.number().int().nonnegative(),
    ticket: z.object({
      id: uuid,
      price: cents,
      currency,
      /**
       * Added with payouts (optional, so both shapes agree): who sells the ticket, its title
       * and when its event starts. Payments pays the seller `PAYOUT_DELAY` after the start.
       */
      sellerId: uuid.optional(),
      title: z.string().optional(),
      startsAt: z.iso.datetime({ offset: true }).optional(),
    }),
  }),
} as const;
