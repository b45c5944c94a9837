import { listen } from "@m-ticketing/common";
import { recordBuyer } from "../delivery/ticket-access";
import { reserveTicket } from "../domain/reservations";

/** A buyer placed an order: the ticket is reserved for it at the order's price (placement time from the envelope). */
export const orderCreatedListener = listen("order.created", async (event, tx) => {
  await recordBuyer(tx, { orderId: event.data.id, ticketId: event.data.ticket.id, buyerId: event.data.userId });
  await reserveTicket(tx, {
    orderId: event.data.id,
    ticketId: event.data.ticket.id,
    version: event.data.version,
    placedAt: new Date(event.occurredAt),
    priceCents: event.data.ticket.price,
    currency: event.data.ticket.currency,
  });
});
