import { Router } from "express";
import { batchCreatedView, batchUrl, batchView, itemView, type PayoutStore, validatePayout } from "../payouts";
import { PayPalError } from "../paypal-error";

/**
 * Payouts v1: create a batch, show a batch, show an item. A `sender_batch_id` used before is
 * refused as PayPal documents it (`USER_BUSINESS_ERROR`, with a link to the original batch);
 * a retry with the same `PayPal-Request-Id` gets the first answer again (idempotency.ts).
 */
export function payoutsRouter(payouts: PayoutStore, base: string): Router {
  const router = Router();

  router.post("/v1/payments/payouts", (req, res) => {
    const input = validatePayout(req.body);
    const existing = payouts.bySender(input.header.sender_batch_id);
    if (existing) {
      throw new PayPalError(
        "USER_BUSINESS_ERROR",
        [
          {
            field: "sender_batch_id",
            location: "body",
            issue: "SENDER_BATCH_ID_ALREADY_USED",
            description: `Batch with given sender_batch_id already exists: ${input.header.sender_batch_id}`,
          },
        ],
        [{ href: batchUrl(base, existing.id), rel: "self", method: "GET" }],
      );
    }
    const batch = payouts.create(input);
    const answer = batchCreatedView(batch, base);
    payouts.process(batch);
    res.status(201).json(answer);
  });

  router.get("/v1/payments/payouts/:id", (req, res) => {
    res.json(batchView(payouts.getBatch(req.params.id), base));
  });

  router.get("/v1/payments/payouts-item/:id", (req, res) => {
    res.json(itemView(payouts.getItem(req.params.id), base));
  });

  return router;
}
