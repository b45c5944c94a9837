import { addToOutbox, createEvent, type Executor } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { tickets } from "../db/schema";
import { refreshEventSummary } from "./event-summary";
import type { OrderFact } from "./order-facts";
import { type TicketRow, ticketEventData } from "./ticket-view";

type TicketChange = Partial<Omit<TicketRow, "id" | "userId" | "version" | "createdAt" | "listedAt">>;

/** The ticket row, locked until the transaction ends, so edits and reservations take turns. */
export async function lockTicket(tx: Executor, id: string): Promise<TicketRow | undefined> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update");
  return ticket;
}

/**
 * Applies a change to a locked ticket and bumps its version. The event's summary (available
 * count, lowest price) follows in the same transaction, whoever made the change.
 */
async function update(tx: Executor, ticket: TicketRow, change: TicketChange): Promise<TicketRow> {
  const [updated] = await tx
    .update(tickets)
    .set({ ...change, version: ticket.version + 1 })
    .where(eq(tickets.id, ticket.id))
    .returning();
  if (!updated) throw new Error(`ticket ${ticket.id} vanished while locked`);
  await refreshEventSummary(tx, updated.eventId);
  return updated;
}

/**
 * The seller's change to a locked ticket: bumps its version and publishes `ticket.updated`
 * with the whole listing, which replicas apply if it is newer than what they have.
 */
export async function saveTicketChange(tx: Executor, ticket: TicketRow, change: TicketChange): Promise<TicketRow> {
  const updated = await update(tx, ticket, change);
  // Not announced yet (no ticket attached): nobody else knows it, `ticket.created` will carry this state.
  if (updated.listedAt) await addToOutbox(tx, createEvent("ticket.updated", ticketEventData(updated)));
  return updated;
}

/**
 * The seller attached the ticket to a locked listing for the first time: buyers may now see
 * it, and `ticket.created` announces it to orders with its current state and version (no
 * version of it was published before, so the replica rule "newer version wins" holds). A
 * replaced file changes nothing the others know.
 */
export async function announceListing(tx: Executor, ticket: TicketRow): Promise<TicketRow> {
  if (ticket.listedAt) return ticket;
  const [listed] = await tx.update(tickets).set({ listedAt: new Date() }).where(eq(tickets.id, ticket.id)).returning();
  if (!listed) throw new Error(`ticket ${ticket.id} vanished while locked`);
  await refreshEventSummary(tx, listed.eventId);
  await addToOutbox(tx, createEvent("ticket.created", ticketEventData(listed)));
  return listed;
}

/**
 * Who holds a locked ticket (reserved or sold to `holder`, or available with none) and at
 * what price: the holder's, from `order.created`. Follows orders' decision, which every
 * service has already learnt from the order event, so nothing is published (telling orders
 * about its own decision would only echo it back).
 */
export async function setHolder(
  tx: Executor,
  ticket: TicketRow,
  status: TicketRow["status"],
  holder: OrderFact | null,
): Promise<TicketRow> {
  return update(tx, ticket, {
    status,
    orderId: holder?.id ?? null,
    salePriceCents: holder?.priceCents ?? null,
    saleCurrency: holder?.currency ?? null,
  });
}
