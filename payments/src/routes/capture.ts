import { requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { capturePayment } from "../domain/capture-payment";
import type { PaymentDeps } from "../domain/deps";
import { toPaymentResponse } from "../domain/payment-view";

const params = z.object({
  paypalOrderId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be a PayPal order id"),
});

/** `POST /api/payments/:paypalOrderId/capture` → 201 `{payment}` (200 when it was captured before). */
export function captureRouter(deps: PaymentDeps): Router {
  const router = Router();
  router.post("/api/payments/:paypalOrderId/capture", requireAuth, validate("params", params), async (req, res) => {
    const { paypalOrderId } = res.locals.params as z.infer<typeof params>;
    const { payment, created } = await capturePayment(deps, req.currentUser!.id, paypalOrderId);
    res.status(created ? 201 : 200).json({ payment: toPaymentResponse(payment) });
  });
  return router;
}
