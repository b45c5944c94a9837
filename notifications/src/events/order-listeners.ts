import { feeBreakdown, listen } from "@m-ticketing/common";
import { money } from "../domain/mail-catalogue";
import { applyOrderCreated, applyOrderStatus, findOrder, requireTicket } from "../domain/replicas";
import type { ListenerDeps } from "./deps";
import { mailer } from "./mail-to";

/**
 * Orders: the replica for the order mails, and the mails themselves (buyer: confirmed,
 * cancelled or expired, refunded; seller: sold). The reminder before expiry is a job
 * (../jobs/reservation-reminders.ts), since no event marks "a few minutes before".
 */
export function orderListeners(deps: ListenerDeps) {
  const mailTo = mailer(deps);

  return [
    listen("order.created", async (event, tx) => applyOrderCreated(tx, event.data)),

    listen("order.completed", async (event, tx) => {
      const order = await applyOrderStatus(tx, event.data, "complete");
      const ticket = await requireTicket(tx, order.ticketId);
      const price = money(order.priceCents, order.currency);
      await mailTo(tx, event.id, order.buyerId, "order-confirmed", "transactional", {
        orderId: order.id,
        ticketId: ticket.id,
        title: ticket.title,
        price,
      });
      const { sellerFee, sellerReceives } = feeBreakdown(order.priceCents, deps.sales.fees);
      const payableAt = ticket.startsAt && new Date(ticket.startsAt.getTime() + deps.sales.payoutDelaySeconds * 1000);
      await mailTo(tx, event.id, ticket.sellerId, "ticket-sold", "transactional", {
        title: ticket.title,
        price,
        fee: money(sellerFee, order.currency),
        due: money(sellerReceives, order.currency),
        payoutDate: payableAt ? `${payableAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : null,
      });
    }),

    listen("order.cancelled", async (event, tx) => {
      const order = await applyOrderStatus(tx, event.data, "cancelled");
      const ticket = await requireTicket(tx, order.ticketId);
      // Orders says why; an event from before `reason` existed: at or after the deadline is the expiry.
      const { reason } = event.data;
      const expired = reason ? reason === "expired" : new Date(event.occurredAt) >= order.expiresAt;
      await mailTo(tx, event.id, order.buyerId, "order-cancelled", "transactional", {
        orderId: order.id,
        ticketId: ticket.id,
        title: ticket.title,
        expired,
        withdrawn: reason === "listing_withdrawn",
      });
    }),

    listen("payment.refunded", async (event, tx) => {
      const order = await findOrder(tx, event.data.orderId);
      if (!order) {
        deps.logger.warn({ orderId: event.data.orderId }, "refund for an order never seen; mail not sent");
        return;
      }
      await mailTo(tx, event.id, order.buyerId, "refund-issued", "transactional", {
        orderId: order.id,
        amount: money(event.data.amount, event.data.currency),
      });
    }),
  ];
}
