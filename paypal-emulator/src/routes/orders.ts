import { Router } from "express";
import { orderFull, orderMinimal } from "../representation";
import type { Store } from "../store";
import { validateCreateOrder } from "./validate-order";

const wantsRepresentation = (prefer: string | undefined) => /return=representation/i.test(prefer ?? "");

/** Orders v2: create, show, capture. */
export function ordersRouter(store: Store, base: string): Router {
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
    res.status(201).json(orderFull(store.capture(req.params.id), base));
  });

  return router;
}
