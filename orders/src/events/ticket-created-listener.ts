import { listen } from "@m-ticketing/common";
import { applyTicketState } from "../domain/ticket-replica";

/** A new listing: from now on it can be ordered here. */
export const ticketCreatedListener = listen("ticket.created", async (event, tx) => {
  await applyTicketState(tx, event.data);
});
