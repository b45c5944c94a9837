import { z } from "zod";
import { claimParties } from "./shared-fields";

/** Why a buyer opened a claim (buyer protection). */
export const claimReason = z.enum(["not_received", "did_not_work", "not_as_described"]);

/**
 * A buyer opened a buyer-protection claim on a paid order; the sale's payout is held until
 * an administrator decides. Published by payments (for notifications: tell the seller).
 */
export const paymentClaimOpened = {
  type: "payment.claim-opened",
  version: 1,
  data: z.object({
    ...claimParties,
    reason: claimReason,
    title: z.string().nullable(),
  }),
} as const;
