import { z } from "zod";
import { paymentCreated } from "./payment-created";

/**
 * A capture arrived for an order that was no longer valid and was refunded: the capture's
 * fields (as in `payment.created`) and the refund's id. Published by payments.
 */
export const paymentRefunded = {
  type: "payment.refunded",
  version: 1,
  data: paymentCreated.data.extend({ refundId: z.string() }),
} as const;
