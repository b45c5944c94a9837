import { listen } from "@m-ticketing/common";
import { applyOrderClosed } from "../domain/order-replica";

/** The order is paid: a second PayPal order for it is refused (or its capture refunded). */
export const orderCompletedListener = listen("order.completed", async (event, tx) => {
  await applyOrderClosed(tx, event.data, "complete");
});
