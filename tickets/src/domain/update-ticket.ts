import { ConflictError, type Executor, ForbiddenError, NotFoundError } from "@m-ticketing/common";
import { lockTicket, saveTicketChange } from "./save-ticket-change";
import { type TicketInput, ticketColumns } from "./ticket-input";
import type { TicketRow } from "./ticket-view";

/**
 * The seller edits a listing. Only while it is available: a buyer holding or owning it
 * must get what they ordered. The row lock makes an edit and a reservation take turns.
 */
export async function updateTicket(
  db: Executor,
  id: string,
  seller: { id: string; name: string },
  input: TicketInput,
): Promise<TicketRow> {
  return db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, id);
    if (!ticket) throw new NotFoundError("Ticket not found");
    if (ticket.userId !== seller.id) throw new ForbiddenError("Only the seller can edit this ticket");
    if (ticket.status !== "available") {
      throw new ConflictError(`The ticket is ${ticket.status} and cannot be edited`);
    }
    return saveTicketChange(tx, ticket, { ...ticketColumns(input), sellerName: seller.name });
  });
}
