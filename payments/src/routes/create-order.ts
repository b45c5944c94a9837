import { BadRequestError, requireAuth, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import type { PaymentDeps } from "../domain/deps";
import { startCheckout } from "../domain/start-checkout";
import { orderIdField } from "./capture";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);

// A `price` in the body is ignored (zod drops unknown keys): the amount is always ours.
const body = z.object({
  orderId: orderIdField,
  returnUrl: httpUrl.optional(),
  cancelUrl: httpUrl.optional(),
});

export interface CreateOrderRouteOptions {
  brandName: string;
  /** Return and cancel URLs must be on one of these origins (PayPal sends the buyer there). */
  allowedReturnOrigins: string[];
}

function checkOrigin(url: string | undefined, field: string, allowed: string[]): void {
  if (!url) return;
  if (!allowed.includes(new URL(url).origin)) throw new BadRequestError(`must be on ${allowed.join(" or ")}`, field);
}

/** `POST /api/payments/create-order {orderId, returnUrl?, cancelUrl?}` → 201 `{id, approveUrl}`. */
export function createOrderRouter(deps: PaymentDeps, options: CreateOrderRouteOptions): Router {
  const router = Router();
  router.post("/api/payments/create-order", requireAuth, async (req, res) => {
    const input = validate(req, { body }).body;
    checkOrigin(input.returnUrl, "returnUrl", options.allowedReturnOrigins);
    checkOrigin(input.cancelUrl, "cancelUrl", options.allowedReturnOrigins);
    const created = await startCheckout(deps, { ...input, userId: req.currentUser!.id, brandName: options.brandName });
    res.status(201).json(created);
  });
  return router;
}
