import { listen } from "@m-ticketing/common";
import { applyOrderClosed } from "../domain/order-replica";

/** No more captures for the order; money already captured for it is refunded. */
export const orderCancelledListener = listen("order.cancelled", async (event, tx) => {
  await applyOrderClosed(tx, event.data, "cancelled");
});
