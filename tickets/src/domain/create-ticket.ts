import { addToOutbox, createEvent, type Executor } from "@m-ticketing/common";
import { tickets } from "../db/schema";
import { type TicketInput, ticketColumns } from "./ticket-input";
import { type TicketRow, ticketEventData } from "./ticket-view";

/** Lists a new ticket for the seller, announcing it with `ticket.created` in the same transaction. */
export async function createTicket(
  db: Executor,
  seller: { id: string; name: string },
  input: TicketInput,
  currency: string,
): Promise<TicketRow> {
  return db.transaction(async (tx) => {
    const [ticket] = await tx
      .insert(tickets)
      .values({ ...ticketColumns(input), currency, userId: seller.id, sellerName: seller.name })
      .returning();
    if (!ticket) throw new Error("insert returned no row");
    await addToOutbox(tx, createEvent("ticket.created", ticketEventData(ticket)));
    return ticket;
  });
}
