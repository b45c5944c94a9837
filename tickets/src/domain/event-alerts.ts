import { type Executor, NotFoundError } from "@m-ticketing/common";
import { and, eq } from "drizzle-orm";
import { eventAlerts } from "../db/schema";
import { findEvent } from "./create-event";

/** "Notify me when tickets are listed": stored once per user and event (sending belongs to notifications). */
export async function subscribeToEvent(db: Executor, eventId: string, userId: string): Promise<void> {
  if (!(await findEvent(db, eventId))) throw new NotFoundError("Event not found");
  await db.insert(eventAlerts).values({ eventId, userId }).onConflictDoNothing();
}

export async function unsubscribeFromEvent(db: Executor, eventId: string, userId: string): Promise<void> {
  await db.delete(eventAlerts).where(and(eq(eventAlerts.eventId, eventId), eq(eventAlerts.userId, userId)));
}

export async function isSubscribed(db: Executor, eventId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ eventId: eventAlerts.eventId })
    .from(eventAlerts)
    .where(and(eq(eventAlerts.eventId, eventId), eq(eventAlerts.userId, userId)));
  return Boolean(row);
}
