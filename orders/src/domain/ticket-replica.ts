import { type EventData, type Executor, RetryLaterError } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { tickets } from "../db/schema";

type TicketData = EventData<"ticket.created">;

const columns = (data: TicketData) => ({
  title: data.title,
  priceCents: data.price,
  currency: data.currency,
  userId: data.userId,
  version: data.version,
});

/** `ticket.created`: the ticket can be ordered from now on. A replica that exists is newer or equal. */
export async function addTicket(tx: Executor, data: TicketData): Promise<void> {
  await tx
    .insert(tickets)
    .values({ id: data.id, ...columns(data) })
    .onConflictDoNothing();
}

/**
 * `ticket.updated` version v applies only on top of version v − 1: an older or repeated
 * one is acknowledged and ignored, a newer one waits (is redelivered later) until the
 * versions in between have arrived, so the replica never skips or rewinds a change.
 */
export async function applyTicketUpdate(tx: Executor, data: TicketData, retryDelayMs: number): Promise<void> {
  const [replica] = await tx.select().from(tickets).where(eq(tickets.id, data.id)).for("update");
  if (replica && data.version <= replica.version) return;
  if (!replica || data.version !== replica.version + 1) {
    const at = replica ? `version ${replica.version}` : "no replica yet";
    throw new RetryLaterError(`ticket ${data.id} is at ${at}; version ${data.version} must wait`, retryDelayMs);
  }
  await tx.update(tickets).set(columns(data)).where(eq(tickets.id, data.id));
}
