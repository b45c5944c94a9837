import { listen } from "@m-ticketing/common";
import { applyTicketUpdate } from "../domain/ticket-replica";

/** A listing changed: applied to the replica strictly in version order. */
export const ticketUpdatedListener = (retryDelayMs: number) =>
  listen("ticket.updated", async (event, tx) => {
    await applyTicketUpdate(tx, event.data, retryDelayMs);
  });
