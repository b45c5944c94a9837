import { formatCents } from "@m-ticketing/common";
import type { tickets } from "../db/schema";

export type TicketRow = typeof tickets.$inferSelect;

/** A ticket as every API response shows it: price as a two-decimal string, dates as ISO. */
export function toTicketResponse(ticket: TicketRow) {
  return {
    id: ticket.id,
    title: ticket.title,
    price: formatCents(ticket.priceCents),
    currency: ticket.currency,
    description: ticket.description,
    eventDate: ticket.eventDate.toISOString(),
    venue: ticket.venue,
    userId: ticket.userId,
    sellerName: ticket.sellerName || null,
    status: ticket.status,
    orderId: ticket.orderId,
    version: ticket.version,
    createdAt: ticket.createdAt.toISOString(),
  };
}

/** The data of `ticket.created` / `ticket.updated`: what other services replicate (price in cents). */
export function ticketEventData(ticket: TicketRow) {
  return {
    id: ticket.id,
    title: ticket.title,
    price: ticket.priceCents,
    currency: ticket.currency,
    userId: ticket.userId,
    status: ticket.status,
    orderId: ticket.orderId,
    version: ticket.version,
  };
}
