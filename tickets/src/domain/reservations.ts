import type { Executor } from "@m-ticketing/common";
import { findOrderFact, placedAfter, recordOrderFact } from "./order-facts";
import { lockTicket, saveTicketChange } from "./save-ticket-change";

/*
 * The ticket's status follows the orders service, which allows at most one active
 * (created or complete) order per ticket. The three order subjects have separate
 * consumers, so for one ticket `order.cancelled` may arrive before `order.created`, or a
 * newer order's `order.created` before an older one's `order.cancelled`. Each function
 * locks the ticket (so they take turns per ticket), records the fact, then decides from
 * all facts known so far, which gives the same result for any arrival order.
 */

export interface OrderRef {
  orderId: string;
  ticketId: string;
  /** The order's version in the event. */
  version: number;
}

/**
 * `order.created`: the ticket is held by the order, unless the order already ended, the
 * ticket is sold, or it is held by an order placed later (then this one must have ended
 * before that one was accepted, and its cancellation is on its way).
 */
export async function reserveTicket(tx: Executor, order: OrderRef & { placedAt: Date }): Promise<void> {
  const ticket = await lockTicket(tx, order.ticketId);
  const fact = await recordOrderFact(tx, {
    id: order.orderId,
    ticketId: order.ticketId,
    status: "created",
    version: order.version,
    placedAt: order.placedAt,
  });
  if (!ticket || fact.status !== "created" || ticket.status === "sold" || ticket.orderId === fact.id) return;
  if (ticket.orderId) {
    const holder = await findOrderFact(tx, ticket.orderId);
    if (holder && !placedAfter(fact, holder)) return;
  }
  await saveTicketChange(tx, ticket, { status: "reserved", orderId: fact.id });
}

/**
 * `order.cancelled`: the ticket is available again only if this order is the one holding
 * it; a late cancellation of an older order leaves a newer reservation alone.
 */
export async function releaseTicket(tx: Executor, order: OrderRef): Promise<void> {
  const ticket = await lockTicket(tx, order.ticketId);
  await recordOrderFact(tx, {
    id: order.orderId,
    ticketId: order.ticketId,
    status: "cancelled",
    version: order.version,
    placedAt: null,
  });
  if (ticket?.status === "reserved" && ticket.orderId === order.orderId) {
    await saveTicketChange(tx, ticket, { status: "available", orderId: null });
  }
}

/** `order.completed`: the order was paid, so the ticket is sold to it (orders allows no rival). */
export async function sellTicket(tx: Executor, order: OrderRef): Promise<void> {
  const ticket = await lockTicket(tx, order.ticketId);
  await recordOrderFact(tx, {
    id: order.orderId,
    ticketId: order.ticketId,
    status: "complete",
    version: order.version,
    placedAt: null,
  });
  if (ticket && ticket.status !== "sold") {
    await saveTicketChange(tx, ticket, { status: "sold", orderId: order.orderId });
  }
}
