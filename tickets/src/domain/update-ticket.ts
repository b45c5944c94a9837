import { ConflictError, type Executor, ForbiddenError, NotFoundError } from "@m-ticketing/common";
import { checkPriceCap } from "./price-cap";
import { lockTicket, saveTicketChange } from "./save-ticket-change";
import type { TicketEdit } from "./ticket-input";
import type { TicketRow } from "./ticket-view";

/** The ticket, locked, if `seller` may change it now: theirs and still available. */
async function lockOwnAvailable(tx: Executor, id: string, sellerId: string, verb: string): Promise<TicketRow> {
  const ticket = await lockTicket(tx, id);
  if (!ticket) throw new NotFoundError("Ticket not found");
  if (ticket.userId !== sellerId) throw new ForbiddenError(`Only the seller can ${verb} this ticket`);
  if (ticket.status === "reserved" && verb === "withdraw") {
    // The buyer holding it may be paying right now: the seller waits for the reservation to end.
    throw new ConflictError(
      `The ticket is reserved by order ${ticket.orderId} awaiting payment and cannot be withdrawn; try again if that order ends unpaid`,
    );
  }
  if (ticket.status !== "available") {
    throw new ConflictError(`The ticket is ${ticket.status} and cannot be ${verb === "edit" ? "edited" : "withdrawn"}`);
  }
  return ticket;
}

/**
 * The seller edits a listing. Only while it is available: a buyer holding or owning it
 * must get what they ordered. The row lock makes an edit and a reservation take turns.
 */
export async function updateTicket(
  db: Executor,
  id: string,
  seller: { id: string; name: string },
  input: TicketEdit,
  priceCapPercent: number,
): Promise<TicketRow> {
  return db.transaction(async (tx) => {
    const ticket = await lockOwnAvailable(tx, id, seller.id, "edit");
    const faceValueCents = input.faceValue ?? ticket.faceValueCents;
    checkPriceCap(input.price, faceValueCents, priceCapPercent);
    const kept = (value: string | null | undefined, current: string | null) =>
      value === undefined ? current : value || null;
    return saveTicketChange(tx, ticket, {
      priceCents: input.price,
      faceValueCents,
      section: kept(input.section, ticket.section),
      row: kept(input.row, ticket.row),
      seat: kept(input.seat, ticket.seat),
      description: kept(input.description, ticket.description),
      sellerName: seller.name,
    });
  });
}

/**
 * The seller takes an available listing off the market: gone from search at once, and
 * `ticket.updated` (status `withdrawn`) tells orders to refuse it. Reserved (409 naming the
 * order) or sold: 409. An order orders accepted before this service heard of it is ended
 * by orders when the withdrawal reaches it (`listing_withdrawn`), unless already paid.
 */
export async function withdrawTicket(db: Executor, id: string, sellerId: string): Promise<TicketRow> {
  return db.transaction(async (tx) => {
    const ticket = await lockOwnAvailable(tx, id, sellerId, "withdraw");
    return saveTicketChange(tx, ticket, { status: "withdrawn" });
  });
}
