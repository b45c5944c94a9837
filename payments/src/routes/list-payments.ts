import { requireAuth, validate } from "@m-ticketing/common";
import { and, desc, eq } from "drizzle-orm";
import { Router } from "express";
import { z } from "zod";
import { payments } from "../db/schema";
import type { PaymentDeps } from "../domain/deps";
import { toPaymentResponse } from "../domain/payment-view";

const query = z.object({ orderId: z.uuid({ error: "must be an order id" }).optional() });

/** `GET /api/payments[?orderId=]` → 200 `{payments}` of the signed-in user, newest first. */
export function listPaymentsRouter(deps: PaymentDeps): Router {
  const router = Router();
  router.get("/api/payments", requireAuth, validate("query", query), async (req, res) => {
    const { orderId } = res.locals.query as z.infer<typeof query>;
    const rows = await deps.db
      .select()
      .from(payments)
      .where(and(eq(payments.userId, req.currentUser!.id), orderId ? eq(payments.orderId, orderId) : undefined))
      .orderBy(desc(payments.createdAt))
      .limit(100);
    res.json({ payments: rows.map(toPaymentResponse) });
  });
  return router;
}
