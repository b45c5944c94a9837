import type { Executor, FeePolicy } from "@m-ticketing/common";
import { and, asc, eq } from "drizzle-orm";
import { ticketBuyers } from "../db/delivery-schema";
import { tickets } from "../db/schema";
import { type TicketRow, toTicketResponse } from "../domain/ticket-view";
import { receiverOf } from "./ticket-access";

/** At most this many purchases in one answer ("My tickets"); nobody buys more for one account. */
const MAX_PURCHASES = 500;

/**
 * The tickets `buyerId` bought and paid for (sold to their order), soonest event first:
 * "My tickets" splits them into upcoming and past.
 */
export async function listPurchasedTickets(db: Executor, buyerId: string): Promise<TicketRow[]> {
  const rows = await db
    .select({ ticket: tickets })
    .from(tickets)
    .innerJoin(ticketBuyers, eq(ticketBuyers.orderId, tickets.orderId))
    .where(and(eq(ticketBuyers.buyerId, buyerId), eq(tickets.status, "sold")))
    .orderBy(asc(tickets.eventDate), asc(tickets.id))
    .limit(MAX_PURCHASES);
  return rows.map((r) => r.ticket);
}

/** A purchased ticket as its buyer sees it: the listing plus their own order's id (the order number). */
export function toPurchasedTicketResponse(ticket: TicketRow, fees: FeePolicy) {
  return { ...toTicketResponse(ticket, fees), orderId: ticket.orderId! };
}

/** The viewer's own purchase of this ticket (paid), or null: the ticket page then says "You bought this ticket". */
export async function purchaseOf(db: Executor, ticket: TicketRow, userId: string | undefined) {
  if (ticket.userId === userId) return null;
  return (await receiverOf(db, ticket, userId)) === "buyer" ? { orderId: ticket.orderId! } : null;
}
