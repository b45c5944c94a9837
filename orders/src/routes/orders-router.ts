import { type Executor, NotFoundError, requireAuth, uuidField, validate } from "@m-ticketing/common";
import { Router } from "express";
import { z } from "zod";
import { cancelOrder } from "../domain/change-order-status";
import { findOrder, listOrders } from "../domain/find-orders";
import { toOrderResponse } from "../domain/order-view";
import type { ReservationLimits } from "../domain/reservation-limits";
import { reserveTicket } from "../domain/reserve-ticket";
import { orderIdParam } from "./order-id";

const newOrder = z.object({ ticketId: uuidField("a ticket id") });

export interface OrdersRouterOptions {
  db: Executor;
  /** ORDER_EXPIRATION_SECONDS */
  expirationSeconds: number;
  reservationLimits: ReservationLimits;
  /** MAX_TICKETS_PER_BUYER_PER_EVENT */
  maxPerEvent: number;
}

/** `/api/orders`: a buyer places, lists, shows and cancels their orders. */
export function ordersRouter({ db, expirationSeconds, reservationLimits, maxPerEvent }: OrdersRouterOptions): Router {
  const router = Router();
  router.use("/api/orders", requireAuth);

  router.post("/api/orders", async (req, res) => {
    const { ticketId } = validate(req, { body: newOrder }).body;
    const { order, ticket } = await reserveTicket(db, {
      buyerId: req.currentUser!.id,
      ticketId,
      expirationSeconds,
      limits: reservationLimits,
      maxPerEvent,
    });
    res.status(201).json({ order: toOrderResponse(order, ticket) });
  });

  router.get("/api/orders", async (req, res) => {
    const rows = await listOrders(db, req.currentUser!.id);
    res.json({ orders: rows.map(({ order, ticket }) => toOrderResponse(order, ticket)) });
  });

  router.get("/api/orders/:id", async (req, res) => {
    const found = await findOrder(db, orderIdParam(req.params.id), req.currentUser!.id);
    if (!found) throw new NotFoundError("Order not found");
    res.json({ order: toOrderResponse(found.order, found.ticket) });
  });

  router.delete("/api/orders/:id", async (req, res) => {
    const { order, ticket } = await cancelOrder(db, orderIdParam(req.params.id), req.currentUser!.id);
    res.json({ order: toOrderResponse(order, ticket) });
  });

  return router;
}
