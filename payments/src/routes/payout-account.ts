import { ForbiddenError, requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import type { PaymentDeps } from "../domain/deps";
import { findPayoutAccount, setPayoutAccount, toPayoutAccountResponse } from "../domain/payout-account";

const PAYPAL_RECEIVER_MAX = 127;

const body = z.object({
  paypalEmail: z
    .string({ error: "must be an e-mail address" })
    .trim()
    .toLowerCase()
    // PayPal Payouts takes receivers of at most 127 characters.
    .max(PAYPAL_RECEIVER_MAX, `must be at most ${PAYPAL_RECEIVER_MAX} characters (PayPal's limit)`)
    .pipe(z.email({ error: "must be an e-mail address" })),
});

/**
 * `GET /api/payments/payout-account` → `{payoutAccount: {paypalEmail, updatedAt} | null}`;
 * `PUT` `{paypalEmail}` → 200 `{payoutAccount}` (403 for an unverified address, or when
 * changing it needs a fresh sign-in).
 */
export function payoutAccountRouter({ db, sellerEmailVerification }: PaymentDeps): Router {
  const router = Router();
  router.get("/api/payments/payout-account", requireAuth, async (req, res) => {
    res.json({ payoutAccount: toPayoutAccountResponse(await findPayoutAccount(db, req.currentUser!.id)) });
  });
  router.put("/api/payments/payout-account", requireAuth, async (req, res) => {
    const { paypalEmail } = validate(req, { body }).body;
    if (sellerEmailVerification === "required" && !req.currentUser!.emailVerified) {
      // Payouts go only to people who proved their address (as listing does in tickets).
      throw new ForbiddenError(
        "Verify your email address before adding where you are paid: use the link we e-mailed you",
      );
    }
    const account = await setPayoutAccount(db, req.currentUser!, paypalEmail);
    res.json({ payoutAccount: toPayoutAccountResponse(account) });
  });
  return router;
}
