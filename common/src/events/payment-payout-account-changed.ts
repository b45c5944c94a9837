import { z } from "zod";
import { uuid } from "./shared-fields";

/**
 * A seller set or changed where they are paid (`PUT /api/payments/payout-account`).
 * Published by payments; notifications mails the seller "payout account changed" to the
 * account's own address, so a hijacked session cannot redirect payouts unnoticed.
 */
export const paymentPayoutAccountChanged = {
  type: "payment.payout-account-changed",
  version: 1,
  data: z.object({
    userId: uuid,
    paypalEmail: z.string(),
    /** Null when the seller set one for the first time. */
    previousPaypalEmail: z.string().nullable(),
    changedAt: z.iso.datetime({ offset: true }),
  }),
} as const;
