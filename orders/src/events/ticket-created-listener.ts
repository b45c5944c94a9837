import { listen } from "@m-ticketing/common";
import { addTicket } from "../domain/ticket-replica";

/** A new listing: from now on it can be ordered here. */
export const ticketCreatedListener = listen("ticket.created", async (event, tx) => {
  await addTicket(tx, event.data);
});
