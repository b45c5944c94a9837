import { listen } from "@m-ticketing/common";
import { endUnpaidOrder } from "../domain/change-order-status";

/** The reservation time of an order is up: cancel it unless it was paid (or already cancelled). */
export const expirationCompleteListener = listen("expiration.complete", async (event, tx) => {
  await endUnpaidOrder(tx, event.data.orderId);
});
