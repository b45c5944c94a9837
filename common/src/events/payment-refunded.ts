import { z } from "zod";
import { cents, currency, uuid } from "./shared-fields";

/** A capture arrived for an order that was no longer valid and was refunded. Published by payments. */
export const paymentRefunded = {
  type: "payment.refunded",
  version: 1,
  data: z.object({
    id: uuid,
    orderId: uuid,
    paypalOrderId: z.string(),
    captureId: z.string(),
    refundId: z.string(),
    amount: cents,
    currency,
  }),
} as const;
