import {
  feeBreakdown,
  feeBreakdownView,
  feePolicyView,
  NotFoundError,
  requireAuth,
  validate,
} from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { Router } from "express";
import { z } from "zod";
import { orders } from "../db/schema";
import type { PaymentDeps } from "../domain/deps";
import { findPayoutAccount } from "../domain/payout-account";
import { listSales, toSaleResponse } from "../domain/sales-view";
import { orderIdField } from "./capture";

const feesQuery = z.object({ orderId: orderIdField.optional() });

/**
 * `GET /api/payments/sales` → `{sales}`: the signed-in seller's sales and their payouts.
 * `GET /api/payments/fees` → `{fees}`: the fee policy (public; the sell form's "you
 * receive"); with `?orderId=` the buyer's order broken down exactly as it will be charged.
 */
export function salesRouter(deps: PaymentDeps): Router {
  const router = Router();
  router.get("/api/payments/sales", requireAuth, async (req, res) => {
    const userId = req.currentUser!.id;
    const [rows, account] = await Promise.all([listSales(deps.db, userId), findPayoutAccount(deps.db, userId)]);
    res.json({ sales: rows.map((sale) => toSaleResponse(sale, account !== undefined)) });
  });
  router.get("/api/payments/fees", async (req, res) => {
    const { orderId } = validate(req, { query: feesQuery }).query;
    if (!orderId) {
      res.json({ fees: feePolicyView(deps.fees) });
      return;
    }
    if (!req.currentUser) throw new NotFoundError("Order not found");
    const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
    if (!order || order.userId !== req.currentUser.id || order.price === null)
      throw new NotFoundError("Order not found");
    const { sellerFee: _s, sellerReceives: _r, ...buyer } = feeBreakdownView(feeBreakdown(order.price, deps.fees));
    res.json({ fees: feePolicyView(deps.fees), order: { ...buyer, currency: order.currency } });
  });
  return router;
}
