import type { Executor } from "@m-ticketing/common";
import { and, desc, eq } from "drizzle-orm";
import { orders, tickets } from "../db/schema";
import type { OrderRow, TicketReplica } from "./order-view";

export interface OrderWithTicket {
  order: OrderRow;
  ticket: TicketReplica;
}

/** The buyer's orders, newest first, each with its ticket. */
export async function listOrders(db: Executor, buyerId: string): Promise<OrderWithTicket[]> {
  return db
    .select({ order: orders, ticket: tickets })
    .from(orders)
    .innerJoin(tickets, eq(orders.ticketId, tickets.id))
    .where(eq(orders.userId, buyerId))
    .orderBy(desc(orders.createdAt), desc(orders.id));
}

/** One of the buyer's orders; someone else's is as absent as an unknown one. */
export async function findOrder(db: Executor, id: string, buyerId: string): Promise<OrderWithTicket | undefined> {
  const [row] = await db
    .select({ order: orders, ticket: tickets })
    .from(orders)
    .innerJoin(tickets, eq(orders.ticketId, tickets.id))
    .where(and(eq(orders.id, id), eq(orders.userId, buyerId)));
  return row;
}
