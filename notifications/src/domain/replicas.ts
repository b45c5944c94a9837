import { type EventData, type Executor, RetryLaterError } from "@m-ticketing/common";
import { and, eq, lt, sql } from "drizzle-orm";
import { orders, tickets, type UserRow, users } from "../db/schema";

type UserSnapshot = EventData<"user.created">["user"];

/** Keeps the newest snapshot of a user (by the time auth published it). Returns the row now stored. */
export async function applyUserSnapshot(tx: Executor, user: UserSnapshot, occurredAt: string): Promise<UserRow> {
  const asOf = new Date(occurredAt);
  const values = { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified, asOf };
  await tx
    .insert(users)
    .values(values)
    .onConflictDoUpdate({ target: users.id, set: values, setWhere: lt(users.asOf, asOf) });
  const [row] = await tx.select().from(users).where(eq(users.id, user.id));
  return row!;
}

export async function findUser(tx: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

/** A ticket's title, price and seller; a higher version wins. */
export async function applyTicket(tx: Executor, t: EventData<"ticket.created">): Promise<void> {
  const values = {
    id: t.id,
    title: t.title,
    priceCents: t.price,
    currency: t.currency,
    sellerId: t.userId,
    startsAt: t.startsAt ? new Date(t.startsAt) : null,
    version: t.version,
  };
  await tx
    .insert(tickets)
    .values(values)
    .onConflictDoUpdate({ target: tickets.id, set: values, setWhere: lt(tickets.version, t.version) });
}

export async function findTicket(tx: Executor, id: string) {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id));
  return row;
}

/** The ticket, or RetryLater: `ticket.created` is always published before any order of it. */
export async function requireTicket(tx: Executor, id: string) {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id));
  if (!row) throw new RetryLaterError(`ticket ${id} not known yet`, 500);
  return row;
}

export async function applyOrderCreated(tx: Executor, o: EventData<"order.created">): Promise<void> {
  await tx
    .insert(orders)
    .values({
      id: o.id,
      buyerId: o.userId,
      ticketId: o.ticket.id,
      priceCents: o.ticket.price,
      currency: o.ticket.currency,
      expiresAt: new Date(o.expiresAt),
      status: o.status,
      version: o.version,
    })
    .onConflictDoNothing();
}

/**
 * Moves the order to `status` when this version is newer. The order must be known
 * (`order.created` may arrive after its successor: retried until it has).
 */
export async function applyOrderStatus(
  tx: Executor,
  change: { id: string; version: number },
  status: "cancelled" | "complete",
) {
  const [row] = await tx.select().from(orders).where(eq(orders.id, change.id)).for("update");
  if (!row) throw new RetryLaterError(`order ${change.id} not known yet`, 500);
  await tx
    .update(orders)
    .set({ status, version: change.version })
    .where(and(eq(orders.id, change.id), sql`${orders.version} < ${change.version}`));
  return row;
}

export async function findOrder(tx: Executor, id: string) {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id));
  return row;
}
