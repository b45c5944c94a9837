import { type EventData, type Executor, upsertNewerVersion } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { tickets } from "../db/schema";
import { endOrdersOfWithdrawnTicket } from "./change-order-status";

/**
 * `ticket.created` / `ticket.updated`: each carries the listing's whole state, so the
 * replica follows the one replica rule, "newer version wins": an update that overtakes
 * the creation, a gap or a redelivery all end in the newest state, with no waiting.
 */
export async function applyTicketState(tx: Executor, data: EventData<"ticket.created">): Promise<void> {
  const { id, title, price, currency, userId, version } = data;
  const withdrawn = data.status === "withdrawn";
  // A withdrawal must see every order placed on the listing: a reservation reads the replica
  // row FOR KEY SHARE (reserve-ticket.ts), so this lock waits for one in flight to commit.
  if (withdrawn) await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, id)).for("update");
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
      withdrawn,
    },
    { id: tickets.id, version: tickets.version },
  );
  // Withdrawn is final in tickets, so an older copy of it still means the listing is gone.
  if (withdrawn) await endOrdersOfWithdrawnTicket(tx, id);
}
