import type { Executor } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { events } from "../db/schema";
import { dedupeKey, type EventInput } from "./event-input";
import type { EventRow } from "./event-view";

/**
 * Creates the event, or returns the existing one for the same show (same normalised name,
 * venue and local start date): `created` says which. The unique dedupe key decides races
 * between two sellers creating the same show at once.
 */
export async function findOrCreateEvent(
  db: Executor,
  creatorId: string,
  input: EventInput,
  defaultCurrency: string,
): Promise<{ event: EventRow; created: boolean }> {
  const key = dedupeKey(input);
  const [inserted] = await db
    .insert(events)
    .values({
      name: input.name,
      venue: input.venue,
      city: input.city,
      country: input.country,
      startsAt: input.startsAt,
      timeZone: input.timeZone,
      imageUrl: input.imageUrl ?? null,
      currency: input.currency ?? defaultCurrency,
      createdBy: creatorId,
      dedupeKey: key,
    })
    .onConflictDoNothing({ target: events.dedupeKey })
    .returning();
  if (inserted) return { event: inserted, created: true };
  const [existing] = await db.select().from(events).where(eq(events.dedupeKey, key));
  if (!existing) throw new Error(`event ${key} conflicted but is not there`);
  return { event: existing, created: false };
}

export async function findEvent(db: Executor, id: string): Promise<EventRow | undefined> {
  const [event] = await db.select().from(events).where(eq(events.id, id));
  return event;
}
