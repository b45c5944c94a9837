import { Router } from "express";
import { invalidRequest } from "../paypal-error";
import { captureView, refundView } from "../representation";
import type { Money, Store } from "../store";
import type { Webhooks } from "../webhooks";

/** Payments v2: show a capture, refund it, show a refund. */
export function paymentsRouter(store: Store, webhooks: Webhooks, base: string): Router {
  const router = Router();

  router.get("/v2/payments/captures/:id", (req, res) => {
    res.json(captureView(store.getCapture(req.params.id), base));
  });

  router.post("/v2/payments/captures/:id/refund", (req, res) => {
    const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as {
      amount?: Money;
      note_to_payer?: unknown;
    };
    if (
      body.amount !== undefined &&
      (typeof body.amount?.value !== "string" || !/^\d+(\.\d{1,2})?$/.test(body.amount.value))
    ) {
      throw invalidRequest(
        "INVALID_PARAMETER_SYNTAX",
        "/amount/value",
        "The value of a field does not conform to the expected format.",
      );
    }
    const note = typeof body.note_to_payer === "string" ? body.note_to_payer : undefined;
    const refund = store.refund(req.params.id, body.amount, note);
    res.status(201).json(refundView(refund, base, /return=representation/i.test(req.get("Prefer") ?? "")));
    // PayPal notifies the merchant of its own refunds too: a receiver must recognise them.
    webhooks.emit("PAYMENT.CAPTURE.REFUNDED", "refund", refundView(refund, base, true), "A capture was refunded");
  });

  router.get("/v2/payments/refunds/:id", (req, res) => {
    res.json(refundView(store.getRefund(req.params.id), base, true));
  });

  return router;
}
