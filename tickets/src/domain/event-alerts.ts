import { addToOutbox, createEvent, type Executor, NotFoundError } from "@m-ticketing/common";
import { and, eq } from "drizzle-orm";
import { eventAlerts } from "../db/schema";
import { findEvent } from "./create-event";

/**
 * "Notify me when tickets are listed": stored once per user and event. A change is announced
 * with `event.alert-changed` in the same transaction; notifications keeps a replica and sends
 * the alerts. Asking twice (or undoing twice) changes nothing and announces nothing.
 */
export async function subscribeToEvent(db: Executor, eventId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await findEvent(tx, eventId))) throw new NotFoundError("Event not found");
    const added = await tx
      .insert(eventAlerts)
      .values({ eventId, userId })
      .onConflictDoNothing()
      .returning({ eventId: eventAlerts.eventId });
    if (added.length) await addToOutbox(tx, createEvent("event.alert-changed", { eventId, userId, subscribed: true }));
  });
}

export async function unsubscribeFromEvent(db: Executor, eventId: string, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(eventAlerts)
      .where(and(eq(eventAlerts.eventId, eventId), eq(eventAlerts.userId, userId)))
      .returning({ eventId: eventAlerts.eventId });
    if (removed.length) {
      await addToOutbox(tx, createEvent("event.alert-changed", { eventId, userId, subscribed: false }));
    }
  });
}

export async function isSubscribed(db: Executor, eventId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ eventId: eventAlerts.eventId })
    .from(eventAlerts)
    .where(and(eq(eventAlerts.eventId, eventId), eq(eventAlerts.userId, userId)));
  return Boolean(row);
}
