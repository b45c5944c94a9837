import type { Executor } from "@m-ticketing/common";
import { sql } from "drizzle-orm";

/**
 * Recomputes the event's available count and lowest price from its listed listings (ticket attached), in the
 * transaction that changed one of them. The event row is locked first, so the statement
 * that counts (a new snapshot under READ COMMITTED) sees every change committed before it:
 * concurrent changes to one event's listings take turns here. Callers lock the ticket
 * before the event, always in that order.
 */
export async function refreshEventSummary(tx: Executor, eventId: string | null): Promise<void> {
  if (!eventId) return;
  await tx.execute(sql`select 1 from events where id = ${eventId} for update`);
  await tx.execute(sql`
    update events set
      available_count = s.n,
      min_price_cents = s.lowest
    from (
      select count(*)::int as n, min(price_cents) as lowest
      from tickets where event_id = ${eventId} and status = 'available' and listed_at is not null
    ) s
    where id = ${eventId}`);
}
