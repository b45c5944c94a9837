import { listen } from "@m-ticketing/common";
import { recordRefund } from "../domain/change-order-status";

/** A payment of an order was refunded: a cancelled order shows that the late payment went back. */
export const paymentRefundedListener = listen("payment.refunded", async (event, tx) => {
  await recordRefund(tx, event.data.orderId, new Date(event.occurredAt));
});
