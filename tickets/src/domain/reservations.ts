import type { Executor } from "@m-ticketing/common";
import { findOrderFact, placedAfter, recordOrderFact } from "./order-facts";
import { lockTicket, setHolder } from "./save-ticket-change";

/*
 * Orders decides availability: it allows at most one active (created or complete) order
 * per ticket, and an order fixes the price of its sale. The ticket's status, holder and
 * sale price follow the order events. The three order subjects have separate consumers,
 * so for one ticket `order.cancelled` may arrive before `order.created`, or a newer order's
 * `order.created` before an older one's `order.cancelled`. Each function locks the ticket
 * (so they take turns per ticket), records the fact, then decides from all facts known so
 * far, which gives the same result for any arrival order.
 */

export interface OrderRef {
  orderId: string;
  ticketId: string;
  /** The order's version in the event. */
  version: number;
}

export interface PlacedOrder extends OrderRef {
  placedAt: Date;
  /** The price the buyer reserved at (`order.created`'s ticket price and currency). */
  priceCents: number;
  currency: string;
}

/**
 * `order.created`: the ticket is held by the order at the order's price, unless the order
 * already ended, the ticket is sold, or it is held by an order placed later (then this one
 * must have ended before that one was accepted, and its cancellation is on its way).
 */
export async function reserveTicket(tx: Executor, order: PlacedOrder): Promise<void> {
  const ticket = await lockTicket(tx, order.ticketId);
  const fact = await recordOrderFact(tx, {
    id: order.orderId,
    ticketId: order.ticketId,
    status: "created",
    version: order.version,
    placedAt: order.placedAt,
    priceCents: order.priceCents,
    currency: order.currency,
  });
  if (!ticket) return;
  if (ticket.orderId === fact.id) {
    // Already sold to it (`order.completed` came first): now the sale's price is known.
    if (ticket.salePriceCents === null) await setHolder(tx, ticket, ticket.status, fact);
    return;
  }
  if (fact.status !== "created" || ticket.status === "sold" || ticket.status === "withdrawn") return;
  if (ticket.orderId) {
    const holder = await findOrderFact(tx, ticket.orderId);
    if (holder && !placedAfter(fact, holder)) return;
  }
  await setHolder(tx, ticket, "reserved", fact);
}

/**
 * `order.cancelled`: the ticket is available again (at the seller's asking price) only if
 * this order is the one holding it; a late cancellation of an older order leaves a newer
 * reservation alone.
 */
export async function releaseTicket(tx: Executor, order: OrderRef): Promise<void> {
  const ticket = await lockTicket(tx, order.ticketId);
  await recordOrderFact(tx, { ...closedFact(order), status: "cancelled" });
  if (ticket?.status === "reserved" && ticket.orderId === order.orderId) {
    await setHolder(tx, ticket, "available", null);
  }
}

/** `order.completed`: the order was paid, so the ticket is sold to it (orders allows no rival). */
export async function sellTicket(tx: Executor, order: OrderRef): Promise<void> {
  const ticket = await lockTicket(tx, order.ticketId);
  const fact = await recordOrderFact(tx, { ...closedFact(order), status: "complete" });
  if (ticket && ticket.status !== "sold") await setHolder(tx, ticket, "sold", fact);
}

/** What `order.cancelled` / `order.completed` tell about an order (no time, no price). */
const closedFact = (order: OrderRef) => ({
  id: order.orderId,
  ticketId: order.ticketId,
  version: order.version,
  placedAt: null,
  priceCents: null,
  currency: null,
});
