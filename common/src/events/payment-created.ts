import { z } from "zod";
import { cents, currency, uuid } from "./shared-fields";

/** Money was captured for an order that was still valid. Published by payments. */
export const paymentCreated = {
  type: "payment.created",
  version: 1,
  data: z.object({
    id: uuid,
    orderId: uuid,
    paypalOrderId: z.string(),
    captureId: z.string(),
    /** The ticket's price (what orders checks against the order), not the total with the fee. */
    amount: cents,
    currency,
    /** Added with fees (optional): the buyer's service fee and what was captured (amount + buyerFee). */
    buyerFee: z.number().int().nonnegative().optional(),
    total: cents.optional(),
  }),
} as const;
