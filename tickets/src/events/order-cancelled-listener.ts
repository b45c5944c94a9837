import { listen } from "@m-ticketing/common";
import { releaseTicket } from "../domain/reservations";

/** An order was cancelled or expired: its ticket becomes available if that order held it. */
export const orderCancelledListener = listen("order.cancelled", async (event, tx) => {
  await releaseTicket(tx, { orderId: event.data.id, ticketId: event.data.ticket.id, version: event.data.version });
});
