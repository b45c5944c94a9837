import { addToOutbox, createEvent, type Executor } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { tickets } from "../db/schema";
import { type TicketRow, ticketEventData } from "./ticket-view";

type TicketChange = Partial<Omit<TicketRow, "id" | "userId" | "version" | "createdAt">>;

/** The ticket row, locked until the transaction ends, so edits and reservations take turns. */
export async function lockTicket(tx: Executor, id: string): Promise<TicketRow | undefined> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update");
  return ticket;
}

/**
 * Applies a change to a locked ticket, bumps its version and publishes `ticket.updated`
 * with it, so replicas can apply the changes in order.
 */
export async function saveTicketChange(tx: Executor, ticket: TicketRow, change: TicketChange): Promise<TicketRow> {
  const [updated] = await tx
    .update(tickets)
    .set({ ...change, version: ticket.version + 1 })
    .where(eq(tickets.id, ticket.id))
    .returning();
  if (!updated) throw new Error(`ticket ${ticket.id} vanished while locked`);
  await addToOutbox(tx, createEvent("ticket.updated", ticketEventData(updated)));
  return updated;
}
