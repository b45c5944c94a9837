import { type Logger, listen } from "@m-ticketing/common";
import { completeOrder } from "../domain/change-order-status";

/**
 * A payment was captured: the order is complete if it was still waiting for it and the
 * amount and currency are the order's (else the event is dead-lettered, see completeOrder).
 */
export const paymentCreatedListener = (logger: Logger) =>
  listen("payment.created", async (event, tx) => {
    const outcome = await completeOrder(tx, event.data);
    if (outcome !== "completed") {
      // Payments refunds a capture for an order that is no longer valid; worth a trace here.
      logger.info({ orderId: event.data.orderId, paymentId: event.data.id, outcome }, "payment not applied");
    }
  });
