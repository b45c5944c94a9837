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
    amount: cents,
    currency,
  }),
} as const;
