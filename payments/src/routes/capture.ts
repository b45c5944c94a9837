import { requireAuth, uuidField, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { capturePayment } from "../domain/capture-payment";
import type { PaymentDeps } from "../domain/deps";
import { toPaymentResponse } from "../domain/payment-view";

export const paypalOrderIdField = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be a PayPal order id");
export const orderIdField = uuidField("an order id");

const params = z.object({ paypalOrderId: paypalOrderIdField });
// Optional: when sent, the PayPal order must be one made for this order of ours.
const body = z.object({ orderId: orderIdField.optional() });

export const capturePath = (paypalOrderId: string) => `/api/payments/${paypalOrderId}/capture`;

/** `POST /api/payments/:paypalOrderId/capture {orderId?}` → 201 `{payment}` (200 when it was captured before). */
export function captureRouter(deps: PaymentDeps): Router {
  const router = Router();
  router.post(capturePath(":paypalOrderId"), requireAuth, async (req, res) => {
    const { params: path, body: input } = validate(req, { params, body });
    const { payment, created } = await capturePayment(deps, req.currentUser!.id, path.paypalOrderId, input.orderId);
    res.status(created ? 201 : 200).json({ payment: toPaymentResponse(payment) });
  });
  return router;
}
