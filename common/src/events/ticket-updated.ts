import { ticketCreated } from "./ticket-created";

/**
 * The seller edited a listing. Same fields as `ticket.created` (the whole listing); a replica
 * keeps the highest `version` it has seen. Reservations and sales are not announced here:
 * they are the orders service's decisions, known from its own events.
 */
export const ticketUpdated = { type: "ticket.updated", version: 1, data: ticketCreated.data } as const;
