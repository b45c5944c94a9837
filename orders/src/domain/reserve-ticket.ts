import {
  addToOutbox,
  ConflictError,
  createEvent,
  type Executor,
  ForbiddenError,
  NotFoundError,
} from "@m-ticketing/common";
import { and, eq } from "drizzle-orm";
import { HOLDING, orders, tickets } from "../db/schema";
import type { OrderWithTicket } from "./find-orders";
import { assertMayReserve, type ReservationLimits } from "./reservation-limits";

export interface PlaceOrder {
  buyerId: string;
  ticketId: string;
  expirationSeconds: number;
  limits: ReservationLimits;
  /** MAX_TICKETS_PER_BUYER_PER_EVENT */
  maxPerEvent: number;
}

/**
 * Reserves a ticket for a buyer. The partial unique index on holding orders decides
 * races: of any number of simultaneous buyers exactly one insert succeeds, the others
 * find the conflict (after the winner commits) and get 409. `order.created` goes out
 * in the same transaction.
 */
export async function reserveTicket(db: Executor, input: PlaceOrder): Promise<OrderWithTicket> {
  return db.transaction(async (tx) => {
    // KEY SHARE (the lock the order's foreign key takes anyway, taken at the read): a withdrawal
    // being applied waits for this order to commit and then ends it, or this read waits for
    // the withdrawal and sees it (ticket-replica.ts).
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, input.ticketId)).for("key share");
    if (!ticket) throw new NotFoundError("Ticket not found");
    if (ticket.userId === input.buyerId) throw new ForbiddenError("You cannot buy your own ticket");
    if (ticket.withdrawn) throw new ConflictError("The seller withdrew this ticket", "ticketId");
    // Nothing is sold once the doors open.
    if (ticket.startsAt && ticket.startsAt.getTime() <= Date.now()) {
      throw new ConflictError("The event has started: its tickets can no longer be sold", "ticketId");
    }
    await assertMayReserve(tx, input.buyerId, ticket.id, input.limits, {
      eventId: ticket.eventId,
      maxPerEvent: input.maxPerEvent,
    });

    const [order] = await tx
      .insert(orders)
      .values({
        userId: input.buyerId,
        ticketId: ticket.id,
        expiresAt: new Date(Date.now() + input.expirationSeconds * 1000),
        priceCents: ticket.priceCents,
        currency: ticket.currency,
      })
      .onConflictDoNothing({ target: orders.ticketId, where: HOLDING })
      .returning();
    if (!order) throw new ConflictError(await whyTaken(tx, ticket.id), "ticketId");

    await addToOutbox(
      tx,
      createEvent("order.created", {
        id: order.id,
        userId: order.userId,
        status: order.status,
        expiresAt: order.expiresAt.toISOString(),
        version: order.version,
        ticket: {
          id: ticket.id,
          price: order.priceCents,
          currency: order.currency,
          // For payouts (payments): who is paid, and from when.
          sellerId: ticket.userId,
          title: ticket.title,
          ...(ticket.startsAt ? { startsAt: ticket.startsAt.toISOString() } : {}),
        },
      }),
    );
    return { order, ticket };
  });
}

async function whyTaken(tx: Executor, ticketId: string): Promise<string> {
  const [holder] = await tx
    .select({ status: orders.status })
    .from(orders)
    .where(and(eq(orders.ticketId, ticketId), HOLDING));
  return holder?.status === "complete" ? "The ticket is already sold" : "The ticket is already reserved";
}
