import { formatCents } from "@m-ticketing/common";
import type { tickets } from "../db/schema";

export type TicketRow = typeof tickets.$inferSelect;

/**
 * A ticket as every API response shows it: price as a two-decimal string, dates as ISO.
 * A reserved or sold ticket shows the price of its order (what the buyer pays), an
 * available one the seller's asking price.
 */
export function toTicketResponse(ticket: TicketRow) {
  return {
    id: ticket.id,
    title: ticket.title,
    price: formatCents(ticket.salePriceCents ?? ticket.priceCents),
    currency: ticket.saleCurrency ?? ticket.currency,
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

/** One page of listings, as the list endpoints answer it. */
export function toTicketPage(rows: TicketRow[], total: number, query: { page: number; limit: number }) {
  return { tickets: rows.map(toTicketResponse), page: query.page, limit: query.limit, total };
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
