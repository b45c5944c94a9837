import { type EventData, type Executor, upsertNewerVersion } from "@m-ticketing/common";
import { tickets } from "../db/schema";

/**
 * `ticket.created` / `ticket.updated`: each carries the listing's whole state, so the
 * replica follows the one replica rule, "newer version wins": an update that overtakes
 * the creation, a gap or a redelivery all end in the newest state, with no waiting.
 */
export async function applyTicketState(tx: Executor, data: EventData<"ticket.created">): Promise<void> {
  const { id, title, price, currency, userId, version } = data;
  await upsertNewerVersion(
    tx,
    tickets,
    {
      id,
      title,
      priceCents: price,
      currency,
      userId,
      version,
      eventId: data.eventId ?? null,
      startsAt: data.startsAt ? new Date(data.startsAt) : null,
      withdrawn: data.status === "withdrawn",
    },
    { id: tickets.id, version: tickets.version },
  );
}
