import { listen } from "@m-ticketing/common";
import { sellTicket } from "../domain/reservations";

/** An order was paid: its ticket is sold. */
export const orderCompletedListener = listen("order.completed", async (event, tx) => {
  await sellTicket(tx, { orderId: event.data.id, ticketId: event.data.ticket.id, version: event.data.version });
});
