import { Router } from "express";
import { captureView, orderFull, orderMinimal } from "../representation";
import type { Store } from "../store";
import type { Webhooks } from "../webhooks";
import { validateCreateOrder } from "./validate-order";

const wantsRepresentation = (prefer: string | undefined) => /return=representation/i.test(prefer ?? "");

/** Orders v2: create, show, capture. */
export function ordersRouter(store: Store, webhooks: Webhooks, base: string): Router {
  const router = Router();

  router.post("/v2/checkout/orders", (req, res) => {
    const input = validateCreateOrder(req.body);
    const order = store.createOrder(input);
    res.status(201).json(wantsRepresentation(req.get("Prefer")) ? orderFull(order, base) : orderMinimal(order, base));
  });

  router.get("/v2/checkout/orders/:id", (req, res) => {
    res.json(orderFull(store.getOrder(req.params.id), base));
  });

  router.post("/v2/checkout/orders/:id/capture", (req, res) => {
    const order = store.capture(req.params.id);
    res.status(201).json(orderFull(order, base));
    webhooks.emit("PAYMENT.CAPTURE.COMPLETED", "capture", captureView(order.capture!, base), "Payment completed");
  });

  return router;
}
