import { randomUUID } from "node:crypto";
import { createEvent } from "@m-ticketing/common";
import {
  consumerIdle,
  inbox,
  linkIn,
  mailsTo,
  type Notifications,
  orderCompleted,
  PUBLIC_URL,
  placedOrder,
  queueSettled,
  startNotifications,
} from "../helpers";

let n: Notifications;
beforeAll(async () => {
  n = await startNotifications();
});
afterAll(() => n.stop());

/** A paid order: seller and buyer known, the sale mails already delivered (so later counts start from 1 each). */
async function sale() {
  const placed = await placedOrder(n);
  await n.publish(orderCompleted(placed.order));
  await mailsTo(n.catcher, placed.buyer.email);
  await mailsTo(n.catcher, placed.seller.email);
  return placed;
}

const payoutUpdated = (
  s: Awaited<ReturnType<typeof sale>>,
  status: "paid" | "unclaimed" | "failed",
  reason: string | null = null,
) =>
  createEvent("payment.payout-updated", {
    userId: s.seller.id,
    paymentId: randomUUID(),
    orderId: s.order.id,
    title: null,
    status,
    amount: 1948,
    currency: "USD",
    paypalEmail: "sam@paypal.example",
    reason,
  });

describe("payout and claim mails, through a real SMTP server", () => {
  it("payout account set, then changed: each tells the seller where payouts now go, with a link to the setting", async () => {
    const { seller } = await sale();
    const changed = (paypalEmail: string, previousPaypalEmail: string | null) =>
      createEvent("payment.payout-account-changed", {
        userId: seller.id,
        paypalEmail,
        previousPaypalEmail,
        changedAt: new Date().toISOString(),
      });
    await n.publish(changed("sam@paypal.example", null));
    const [, set] = await mailsTo(n.catcher, seller.email, 2);
    expect(set!.subject).toBe("Your Ticketing payout account was set");
    expect(linkIn(set!, PUBLIC_URL).pathname).toBe("/settings/payouts");

    const event = changed("thief@paypal.example", "sam@paypal.example");
    await n.publish(event);
    await n.publish(event); // redelivered: still one mail
    const [, , change] = await mailsTo(n.catcher, seller.email, 3);
    expect(change!.subject).toBe("Your Ticketing payout account was changed");
    expect(change!.text).toContain("thief@paypal.example instead of sam@paypal.example");
    await consumerIdle(n, "payment.payout-account-changed");
    await queueSettled(n);
    expect(await inbox(n.catcher, seller.email)).toHaveLength(3);
  });

  it("payout sent, unclaimed and failed: the amount, the sale's title (from the replica) and where to look", async () => {
    const s = await sale();
    await n.publish(payoutUpdated(s, "paid"));
    const [, sent] = await mailsTo(n.catcher, s.seller.email, 2);
    expect(sent!.subject).toBe("We paid you 19.48 USD");
    expect(sent!.text).toContain("for Radiohead at the Forum to your PayPal account sam@paypal.example");
    expect(linkIn(sent!, PUBLIC_URL).pathname).toBe("/sales");

    await n.publish(payoutUpdated(s, "unclaimed"));
    const [, , unclaimed] = await mailsTo(n.catcher, s.seller.email, 3);
    expect(unclaimed!.subject).toBe("Claim your payout of 19.48 USD at PayPal");
    expect(linkIn(unclaimed!, PUBLIC_URL).pathname).toBe("/settings/payouts");

    await n.publish(payoutUpdated(s, "failed", "The receiver's account is locked"));
    const [, , , failed] = await mailsTo(n.catcher, s.seller.email, 4);
    expect(failed!.subject).toBe("Your payout of 19.48 USD failed");
    expect(failed!.text).toContain("The receiver's account is locked");
    expect(linkIn(failed!, PUBLIC_URL).pathname).toBe("/settings/payouts");
  });

  it("no payout account: the seller is asked for one, with the amount waiting", async () => {
    const { seller } = await sale();
    await n.publish(
      createEvent("payment.payout-account-missing", { userId: seller.id, sales: 2, amountDue: 3896, currency: "USD" }),
    );
    const [, missing] = await mailsTo(n.catcher, seller.email, 2);
    expect(missing!.subject).toBe("Add a payout account to receive 38.96 USD");
    expect(linkIn(missing!, PUBLIC_URL).pathname).toBe("/settings/payouts");
  });

  it("a claim: opened (buyer and seller), answered (buyer), decided (both), each linking to the claim", async () => {
    const s = await sale();
    const claim = { id: randomUUID(), orderId: s.order.id, buyerId: s.buyer.id, sellerId: s.seller.id };
    await n.publish(createEvent("payment.claim-opened", { ...claim, reason: "not_received", title: null }));
    const [, opened] = await mailsTo(n.catcher, s.seller.email, 2);
    expect(opened!.subject).toBe("A buyer opened a claim about Radiohead at the Forum");
    expect(opened!.text).toContain("the ticket never arrived");
    expect(linkIn(opened!, PUBLIC_URL).pathname).toBe(`/claims/${claim.id}`);
    const [, received] = await mailsTo(n.catcher, s.buyer.email, 2);
    expect(received!.subject).toBe("We received your claim about Radiohead at the Forum");

    await n.publish(createEvent("payment.claim-answered", claim));
    const [, , answered] = await mailsTo(n.catcher, s.buyer.email, 3);
    expect(answered!.subject).toBe("The seller answered your claim about Radiohead at the Forum");
    expect(linkIn(answered!, PUBLIC_URL).pathname).toBe(`/claims/${claim.id}`);

    await n.publish(createEvent("payment.claim-decided", { ...claim, decision: "refunded", refundAmount: 2354 }));
    const [, , , refunded] = await mailsTo(n.catcher, s.buyer.email, 4);
    expect(refunded!.subject).toBe("Your claim about Radiohead at the Forum: we refunded 23.54 USD");
    expect(linkIn(refunded!, PUBLIC_URL).pathname).toBe(`/claims/${claim.id}`);
    const [, , decided] = await mailsTo(n.catcher, s.seller.email, 3);
    expect(decided!.subject).toBe("The claim about Radiohead at the Forum was decided for the buyer");
  });

  it("a declined claim tells the buyer it was declined and the seller that the payout is released", async () => {
    const s = await sale();
    const claim = { id: randomUUID(), orderId: s.order.id, buyerId: s.buyer.id, sellerId: s.seller.id };
    await n.publish(createEvent("payment.claim-decided", { ...claim, decision: "rejected", refundAmount: 0 }));
    const [, declined] = await mailsTo(n.catcher, s.buyer.email, 2);
    expect(declined!.subject).toBe("Your claim about Radiohead at the Forum was declined");
    const [, released] = await mailsTo(n.catcher, s.seller.email, 2);
    expect(released!.subject).toBe("The claim about Radiohead at the Forum was declined");
    expect(released!.text).toContain("your payout for this sale is released");
  });
});
