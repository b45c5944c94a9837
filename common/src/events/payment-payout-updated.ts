import { z } from "zod";
import { cents, currency, uuid } from "./shared-fields";

/**
 * A seller's payout for one sale reached an outcome at PayPal: `paid` (SUCCESS),
 * `unclaimed` (the address has no PayPal account yet: PayPal keeps it 30 days), or
 * `failed` (refused or returned; `reason` says why in words the seller can act on).
 * Published by payments; notifications mails the seller.
 */
export const paymentPayoutUpdated = {
  type: "payment.payout-updated",
  version: 1,
  data: z.object({
    /** The seller. */
    userId: uuid,
    paymentId: uuid,
    orderId: uuid,
    title: z.string().nullable(),
    status: z.enum(["paid", "unclaimed", "failed"]),
    amount: cents,
    currency,
    paypalEmail: z.string(),
    reason: z.string().nullable(),
  }),
} as const;
