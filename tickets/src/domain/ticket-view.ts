import { type FeePolicy, feeBreakdown, feeBreakdownView, formatCents } from "@m-ticketing/common";
import type { tickets } from "../db/schema";

export type TicketRow = typeof tickets.$inferSelect;

/**
 * A ticket as every API response shows it: price as a two-decimal string, dates as ISO.
 * A reserved or sold ticket shows the price of its order (what the buyer pays), an
 * available one the seller's asking price.
 * Never the order holding it: that id belongs to the buyer (finding 10 of issue 12).
 * `fees` breaks that price down (common/src/fees.ts): the buyer's service fee and total,
 * the seller's fee and what the seller receives.
 */
export function toTicketResponse(ticket: TicketRow, feePolicy: FeePolicy) {
  return {
    id: ticket.id,
    eventId: ticket.eventId,
    title: ticket.title,
    price: formatCents(ticket.salePriceCents ?? ticket.priceCents),
    faceValue: ticket.faceValueCents === null ? null : formatCents(ticket.faceValueCents),
    currency: ticket.saleCurrency ?? ticket.currency,
    fees: feeBreakdownView(feeBreakdown(ticket.salePriceCents ?? ticket.priceCents, feePolicy)),
    section: ticket.section,
    row: ticket.row,
    seat: ticket.seat,
    description: ticket.description,
    eventDate: ticket.eventDate.toISOString(),
    timeZone: ticket.timeZone,
    venue: ticket.venue,
    userId: ticket.userId,
    sellerName: ticket.sellerName || null,
    status: ticket.status,
    /** False until the seller attaches the ticket file: then buyers see it (only the seller sees it before). */
    listed: ticket.listedAt !== null,
    version: ticket.version,
    createdAt: ticket.createdAt.toISOString(),
  };
}

/** One page of listings, as the list endpoints answer it (`total` counted up to a cap, `totalCapped` beyond it). */
export function toTicketPage(
  rows: TicketRow[],
  counted: { total: number; totalCapped: boolean },
  query: { page: number; limit: number },
  feePolicy: FeePolicy,
) {
  return {
    tickets: rows.map((row) => toTicketResponse(row, feePolicy)),
    page: query.page,
    limit: query.limit,
    ...counted,
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
    // Optional in the contract (v1 consumers ignore them): orders refuses sales after the
    // start and caps tickets per buyer per event.
    eventId: ticket.eventId,
    startsAt: ticket.eventDate.toISOString(),
  };
}
