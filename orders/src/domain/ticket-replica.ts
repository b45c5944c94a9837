import type { EventData, Executor } from "@m-ticketing/common";
import { lt, sql } from "drizzle-orm";
import { tickets } from "../db/schema";

type TicketData = EventData<"ticket.created">;

/**
 * `ticket.created` / `ticket.updated`: each carries the listing's whole state, so the rule
 * is "newer version wins": the row is inserted, or overwritten only by a higher version.
 * Any arrival order (an update before the creation, a gap, a redelivery) ends in the
 * newest state, without waiting for the versions in between.
 */
export async function applyTicketState(tx: Executor, data: TicketData): Promise<void> {
  await tx
    .insert(tickets)
    .values({
      id: data.id,
      title: data.title,
      priceCents: data.price,
      currency: data.currency,
      userId: data.userId,
      version: data.version,
    })
    .onConflictDoUpdate({
      target: tickets.id,
      set: {
        title: sql`excluded.title`,
        priceCents: sql`excluded.price_cents`,
        currency: sql`excluded.currency`,
        userId: sql`excluded.user_id`,
        version: sql`excluded.version`,
      },
      setWhere: lt(tickets.version, sql`excluded.version`),
    });
}
