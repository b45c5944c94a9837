import { listen } from "@m-ticketing/common";
import { applyTicketState } from "../domain/ticket-replica";

/** A seller edited a listing: the replica takes it if it is newer than what it has. */
export const ticketUpdatedListener = listen("ticket.updated", async (event, tx) => {
  await applyTicketState(tx, event.data);
});
