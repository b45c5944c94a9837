import { ConflictError, type Executor, NotFoundError } from "@m-ticketing/common";
import { tickets } from "../db/schema";
import { findEvent, findOrCreateEvent } from "./create-event";
import { refreshEventSummary } from "./event-summary";
import type { EventRow } from "./event-view";
import { checkPriceCap } from "./price-cap";
import type { TicketInput } from "./ticket-input";
import type { TicketRow } from "./ticket-view";

export interface ListingRules {
  /** CURRENCY: of events created here without one. */
  currency: string;
  /** PRICE_CAP_PERCENT */
  priceCapPercent: number;
}

/** The event a listing is for: by id, described (found or created), or from the transitional fields. */
async function eventOf(tx: Executor, sellerId: string, input: TicketInput, rules: ListingRules): Promise<EventRow> {
  if (input.eventId) {
    const event = await findEvent(tx, input.eventId);
    if (!event) throw new NotFoundError("Event not found");
    return event;
  }
  const described = input.event ?? {
    name: input.title ?? "",
    venue: input.venue ?? "",
    city: "",
    country: "",
    startsAt: input.eventDate ?? new Date(),
    timeZone: "UTC",
  };
  return (await findOrCreateEvent(tx, sellerId, described, rules.currency)).event;
}

/**
 * Lists `quantity` tickets for one event (each sold separately). They stay the seller's
 * until each one's ticket file is attached: only then do buyers see it and `ticket.created`
 * announce it (see `announceListing`).
 */
export async function createTickets(
  db: Executor,
  seller: { id: string; name: string },
  input: TicketInput,
  rules: ListingRules,
): Promise<{ event: EventRow; tickets: TicketRow[] }> {
  const faceValueCents = input.faceValue ?? null;
  checkPriceCap(input.price, faceValueCents, rules.priceCapPercent);
  return db.transaction(async (tx) => {
    const event = await eventOf(tx, seller.id, input, rules);
    if (event.startsAt.getTime() <= Date.now()) {
      throw new ConflictError("The event has started: its tickets can no longer be sold", "eventId");
    }
    const row = {
      eventId: event.id,
      title: event.name,
      venue: event.venue,
      eventDate: event.startsAt,
      timeZone: event.timeZone,
      currency: event.currency,
      priceCents: input.price,
      faceValueCents,
      section: input.section,
      row: input.row,
      seat: input.seat,
      description: input.description,
      userId: seller.id,
      sellerName: seller.name,
    };
    const created = await tx
      .insert(tickets)
      .values(Array.from({ length: input.quantity }, () => row))
      .returning();
    await refreshEventSummary(tx, event.id);
    return { event, tickets: created };
  });
}
