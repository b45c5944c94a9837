import type { EventData, Executor } from "@m-ticketing/common";
import { and, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import { watches } from "../db/schema";

/** At most one alert per event per user in this long. */
export const ALERT_INTERVAL = "1 hour";

/** Keeps the newest "notify me" choice of a user for an event (by the time tickets published it). */
export async function applyWatch(tx: Executor, change: EventData<"event.alert-changed">, occurredAt: string) {
  const asOf = new Date(occurredAt);
  const values = { eventId: change.eventId, userId: change.userId, subscribed: change.subscribed, asOf };
  await tx
    .insert(watches)
    .values(values)
    .onConflictDoUpdate({
      target: [watches.eventId, watches.userId],
      set: { subscribed: values.subscribed, asOf },
      setWhere: lt(watches.asOf, asOf),
    });
}

/**
 * A ticket was listed for `eventId`: the users watching it who were not alerted about it in
 * the last hour, except the seller. Marks them alerted in the same statement (row locks make
 * two listings handled at once pick each watcher once).
 */
export async function watchersToAlert(tx: Executor, eventId: string, sellerId: string): Promise<string[]> {
  const due = await tx
    .update(watches)
    .set({ lastAlertedAt: sql`now()` })
    .where(
      and(
        eq(watches.eventId, eventId),
        eq(watches.subscribed, true),
        ne(watches.userId, sellerId),
        or(
          isNull(watches.lastAlertedAt),
          lt(watches.lastAlertedAt, sql`now() - interval '${sql.raw(ALERT_INTERVAL)}'`),
        ),
      ),
    )
    .returning({ userId: watches.userId });
  return due.map((w) => w.userId);
}
