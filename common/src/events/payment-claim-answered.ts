import { z } from "zod";
import { claimParties } from "./shared-fields";

/** The seller answered a buyer's claim. Published by payments (for notifications: tell the buyer). */
export const paymentClaimAnswered = {
  type: "payment.claim-answered",
  version: 1,
  data: z.object(claimParties),
} as const;
