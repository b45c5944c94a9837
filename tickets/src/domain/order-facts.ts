import type { Executor } from "@m-ticketing/common";
import { eq, sql } from "drizzle-orm";
import { ticketOrders } from "../db/schema";

export type OrderFact = typeof ticketOrders.$inferSelect;

/**
 * Records what an order event says and returns everything known about the order. Facts
 * merge the same whatever order they arrive in: the status with the higher order version
 * wins (an order is created at version 0 and cancelled or completed at a higher one), and
 * the creation time and price are kept once known.
 */
export async function recordOrderFact(tx: Executor, fact: OrderFact): Promise<OrderFact> {
  const [merged] = await tx
    .insert(ticketOrders)
    .values(fact)
    .onConflictDoUpdate({
      target: ticketOrders.id,
      set: {
        status: sql`case when excluded.version > ${ticketOrders.version} then excluded.status else ${ticketOrders.status} end`,
        version: sql`greatest(${ticketOrders.version}, excluded.version)`,
        placedAt: sql`coalesce(${ticketOrders.placedAt}, excluded.placed_at)`,
        priceCents: sql`coalesce(${ticketOrders.priceCents}, excluded.price_cents)`,
        currency: sql`coalesce(${ticketOrders.currency}, excluded.currency)`,
      },
    })
    .returning();
  if (!merged) throw new Error("upsert returned no row");
  return merged;
}

export async function findOrderFact(tx: Executor, id: string): Promise<OrderFact | undefined> {
  const [fact] = await tx.select().from(ticketOrders).where(eq(ticketOrders.id, id));
  return fact;
}

/** True when `a` was placed after `b` (ties, which only a clock could make, broken by id). */
export function placedAfter(a: OrderFact, b: OrderFact): boolean {
  if (!b.placedAt) return true;
  if (!a.placedAt) return false;
  const diff = a.placedAt.getTime() - b.placedAt.getTime();
  return diff !== 0 ? diff > 0 : a.id > b.id;
}
