import { type Executor, listen } from "@m-ticketing/common";
import { mailCatalogue, money } from "../domain/mail-catalogue";
import { queueMail } from "../domain/mail-queue";
import {
  applyOrderCreated,
  applyOrderStatus,
  applyTicket,
  findOrder,
  findUser,
  requireTicket,
} from "../domain/replicas";
import type { ListenerDeps } from "./deps";

/**
 * Tickets and orders: replicas for the order mails, and the mails themselves (buyer: confirmed,
 * cancelled or expired, refunded; seller: sold). The reminder before expiry is a job
 * (../jobs/reservation-reminders.ts), since no event marks "a few minutes before".
 */
export function orderListeners({ mail, logger }: ListenerDeps) {
  /** A user we have no replica of signed up before this service existed: logged, not retried forever. */
  const recipient = async (tx: Executor, userId: string, why: string) => {
    const user = await findUser(tx, userId);
    if (!user) logger.warn({ userId, mail: why }, "no address known for the user; mail not sent");
    return user;
  };

  return [
    listen("ticket.created", async (event, tx) => applyTicket(tx, event.data)),
    listen("ticket.updated", async (event, tx) => applyTicket(tx, event.data)),
    listen("order.created", async (event, tx) => applyOrderCreated(tx, event.data)),

    listen("order.completed", async (event, tx) => {
      const order = await applyOrderStatus(tx, event.data, "complete");
      const ticket = await requireTicket(tx, order.ticketId);
      const price = money(order.priceCents, order.currency);
      const buyer = await recipient(tx, order.buyerId, "order-confirmed");
      if (buyer) {
        await queueMail(tx, mail, {
          sourceKey: event.id,
          to: buyer,
          kind: "order-confirmed",
          category: "transactional",
          content: mailCatalogue["order-confirmed"](mail, {
            name: buyer.name,
            orderId: order.id,
            title: ticket.title,
            price,
          }),
        });
      }
      const seller = await recipient(tx, ticket.sellerId, "ticket-sold");
      if (seller) {
        await queueMail(tx, mail, {
          sourceKey: event.id,
          to: seller,
          kind: "ticket-sold",
          category: "transactional",
          content: mailCatalogue["ticket-sold"](mail, {
            name: seller.name,
            ticketId: ticket.id,
            title: ticket.title,
            price,
          }),
        });
      }
    }),

    listen("order.cancelled", async (event, tx) => {
      const order = await applyOrderStatus(tx, event.data, "cancelled");
      const ticket = await requireTicket(tx, order.ticketId);
      const buyer = await recipient(tx, order.buyerId, "order-cancelled");
      if (!buyer) return;
      // The event has no reason: a cancellation at or after the deadline is the expiry.
      const expired = new Date(event.occurredAt) >= order.expiresAt;
      await queueMail(tx, mail, {
        sourceKey: event.id,
        to: buyer,
        kind: "order-cancelled",
        category: "transactional",
        content: mailCatalogue["order-cancelled"](mail, {
          name: buyer.name,
          orderId: order.id,
          ticketId: ticket.id,
          title: ticket.title,
          expired,
        }),
      });
    }),

    listen("payment.refunded", async (event, tx) => {
      const order = await findOrder(tx, event.data.orderId);
      if (!order) {
        logger.warn({ orderId: event.data.orderId }, "refund for an order never seen; mail not sent");
        return;
      }
      const buyer = await recipient(tx, order.buyerId, "refund-issued");
      if (!buyer) return;
      await queueMail(tx, mail, {
        sourceKey: event.id,
        to: buyer,
        kind: "refund-issued",
        category: "transactional",
        content: mailCatalogue["refund-issued"](mail, {
          name: buyer.name,
          orderId: order.id,
          amount: money(event.data.amount, event.data.currency),
        }),
      });
    }),
  ];
}
