import { requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import type { PaymentDeps } from "../domain/deps";
import { listPayments } from "../domain/list-payments";
import { toPaymentResponse } from "../domain/payment-view";
import { orderIdField } from "./capture";

const query = z.object({ orderId: orderIdField.optional() });

/** `GET /api/payments[?orderId=]` → 200 `{payments}` of the signed-in user, newest first. */
export function listPaymentsRouter(deps: PaymentDeps): Router {
  const router = Router();
  router.get("/api/payments", requireAuth, async (req, res) => {
    const { orderId } = validate(req, { query }).query;
    const rows = await listPayments(deps.db, req.currentUser!.id, orderId);
    res.json({ payments: rows.map(toPaymentResponse) });
  });
  return router;
}
