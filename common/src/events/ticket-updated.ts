import { ticketCreated } from "./ticket-created";

/**
 * A ticket changed (edit, reservation, release, sale). Same fields as `ticket.created`;
 * consumers apply them in `version` order.
 */
export const ticketUpdated = { type: "ticket.updated", version: 1, data: ticketCreated.data } as const;
