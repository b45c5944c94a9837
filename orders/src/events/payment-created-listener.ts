import { type Logger, listen } from "@m-ticketing/common";
import { completeOrder } from "../domain/change-order-status";

/** A payment was captured: the order is complete if it was still waiting for it. */
export const paymentCreatedListener = (logger: Logger) =>
  listen("payment.created", async (event, tx) => {
    const outcome = await completeOrder(tx, event.data.orderId);
    if (outcome !== "completed") {
      // Payments refunds a capture for an order that is no longer valid; worth a trace here.
      logger.info({ orderId: event.data.orderId, paymentId: event.data.id, outcome }, "payment not applied");
    }
  });
