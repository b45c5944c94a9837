import { type Executor, listen } from "@m-ticketing/common";
import { money } from "../domain/mail-catalogue";
import { findOrder, findTicket } from "../domain/replicas";
import type { ListenerDeps } from "./deps";
import { mailer } from "./mail-to";

/** A claim's reason in the words of the mails. */
const REASONS = {
  not_received: "the ticket never arrived",
  did_not_work: "the ticket did not work at the door",
  not_as_described: "the ticket was not as described",
} as const;

/**
 * Payments' events for sellers and buyers: payout account set or changed, payout sent /
 * unclaimed / failed, a payout account missing, and buyer-protection claims (opened, answered,
 * decided). All transactional. Titles and currencies the events leave out come from the
 * replicas of orders and tickets.
 */
export function paymentListeners(deps: ListenerDeps) {
  const mailTo = mailer(deps);

  /** The order's ticket title and currency, as far as the replicas know them. */
  const saleOf = async (tx: Executor, orderId: string) => {
    const order = await findOrder(tx, orderId);
    const ticket = order ? await findTicket(tx, order.ticketId) : undefined;
    return { title: ticket?.title ?? "your ticket", currency: order?.currency };
  };

  return [
    listen("payment.payout-account-changed", async (event, tx) => {
      const { userId, paypalEmail, previousPaypalEmail } = event.data;
      await mailTo(tx, event.id, userId, "payout-account-changed", "transactional", {
        paypalEmail,
        previousPaypalEmail,
      });
    }),

    listen("payment.payout-account-missing", async (event, tx) => {
      const { userId, sales, amountDue, currency } = event.data;
      await mailTo(tx, event.id, userId, "payout-account-missing", "transactional", {
        sales,
        amountDue: money(amountDue, currency),
      });
    }),

    listen("payment.payout-updated", async (event, tx) => {
      const { userId, orderId, status, amount, currency, paypalEmail, reason } = event.data;
      const title = event.data.title ?? (await saleOf(tx, orderId)).title;
      const data = { title, amount: money(amount, currency), paypalEmail };
      if (status === "paid") await mailTo(tx, event.id, userId, "payout-sent", "transactional", data);
      else if (status === "unclaimed") await mailTo(tx, event.id, userId, "payout-unclaimed", "transactional", data);
      else await mailTo(tx, event.id, userId, "payout-failed", "transactional", { ...data, reason });
    }),

    listen("payment.claim-opened", async (event, tx) => {
      const { id: claimId, orderId, buyerId, sellerId, reason } = event.data;
      const title = event.data.title ?? (await saleOf(tx, orderId)).title;
      const data = { claimId, title, reason: REASONS[reason] };
      await mailTo(tx, event.id, buyerId, "claim-opened-buyer", "transactional", data);
      if (sellerId) await mailTo(tx, event.id, sellerId, "claim-opened-seller", "transactional", data);
    }),

    listen("payment.claim-answered", async (event, tx) => {
      const { id: claimId, orderId, buyerId } = event.data;
      const { title } = await saleOf(tx, orderId);
      await mailTo(tx, event.id, buyerId, "claim-answered", "transactional", { claimId, title });
    }),

    listen("payment.claim-decided", async (event, tx) => {
      const { id: claimId, orderId, buyerId, sellerId, decision, refundAmount } = event.data;
      const { title, currency } = await saleOf(tx, orderId);
      const refunded = decision === "refunded";
      const refund = currency ? money(refundAmount, currency) : `${refundAmount / 100}`;
      await mailTo(tx, event.id, buyerId, "claim-decided-buyer", "transactional", { claimId, title, refunded, refund });
      if (sellerId) {
        await mailTo(tx, event.id, sellerId, "claim-decided-seller", "transactional", { claimId, title, refunded });
      }
    }),
  ];
}
