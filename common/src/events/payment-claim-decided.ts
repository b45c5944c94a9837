import { z } from "zod";
import { claimParties } from "./shared-fields";

/**
 * An administrator decided a claim: `refunded` (the buyer gets price + service fee back, the
 * sale is refunded and the seller flagged) or `rejected` (the payout is released).
 * Published by payments (for notifications: tell both sides).
 */
export const paymentClaimDecided = {
  type: "payment.claim-decided",
  version: 1,
  data: z.object({
    ...claimParties,
    decision: z.enum(["refunded", "rejected"]),
    /** Cents refunded to the buyer (0 when rejected). */
    refundAmount: z.number().int().nonnegative(),
  }),
} as const;
