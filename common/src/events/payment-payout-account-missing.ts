import { z } from "zod";
import { cents, currency, uuid } from "./shared-fields";

/**
 * A seller has sales ready to be paid out but no payout account: a reminder (at most once
 * per PAYOUT_REMINDER_INTERVAL per seller). Published by payments; notifications mails it.
 */
export const paymentPayoutAccountMissing = {
  type: "payment.payout-account-missing",
  version: 1,
  data: z.object({
    userId: uuid,
    /** Sales waiting for the account, and what they add up to (per currency, the first one here). */
    sales: z.number().int().positive(),
    amountDue: cents,
    currency,
  }),
} as const;
