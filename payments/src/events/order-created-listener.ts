import { listen } from "@m-ticketing/common";
import { applyOrderCreated } from "../domain/order-replica";

/** Keeps the buyer, price, currency and expiry we charge by, and the purchase's correlation id. */
export const orderCreatedListener = listen("order.created", async (event, tx) => {
  await applyOrderCreated(tx, event.data, event.correlationId);
});
