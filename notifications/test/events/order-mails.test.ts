import { createEvent } from "@m-ticketing/common";
import {
  consumerIdle,
  inbox,
  linkIn,
  mailsTo,
  type Notifications,
  orderCancelled,
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

describe("mail about orders, through a real SMTP server", () => {
  it("a paid order: the buyer's confirmation and the seller's sale notice, each with text, HTML and a link back", async () => {
    const { buyer, seller, order, ticket } = await placedOrder(n);
    await n.publish(orderCompleted(order));

    const [confirmation] = await mailsTo(n.catcher, buyer.email);
    expect(confirmation!.subject).toBe("Order confirmed: Radiohead at the Forum");
    expect(confirmation!.from).toBe('"Ticketing" <no-reply@tickets.example.test>');
    expect(confirmation!.text).toContain("Hello Bea Buyer,");
    expect(confirmation!.text).toContain("20.50 USD");
    expect(confirmation!.html).toContain("Bea Buyer");
    expect(confirmation!.html).toContain(`href="${PUBLIC_URL}/orders/${order.id}"`);
    expect(linkIn(confirmation!, `${PUBLIC_URL}/orders/`).pathname).toBe(`/orders/${order.id}`);
    expect(linkIn(confirmation!, `${PUBLIC_URL}/api/tickets/`).pathname).toBe(`/api/tickets/${ticket.id}/eticket.pdf`);
    // Transactional mail has no unsubscribe.
    expect(confirmation!.headers["list-unsubscribe"]).toBeUndefined();

    const [sale] = await mailsTo(n.catcher, seller.email);
    expect(sale!.subject).toBe("You sold Radiohead at the Forum");
    expect(sale!.text).toContain("Price: 20.50 USD");
    // The seller's fee (5 % by default), what they receive, and when: PAYOUT_DELAY (48 h) after the event starts.
    expect(sale!.text).toContain("Our fee: 1.03 USD");
    expect(sale!.text).toContain("You receive: 19.47 USD");
    const payout = new Date(Date.parse(ticket.startsAt!) + 48 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
    expect(sale!.text).toContain(`Payout date: ${payout} UTC`);
    expect(linkIn(sale!, PUBLIC_URL).pathname).toBe("/sales");
  });

  it("without a reason (older events), an order cancelled before its deadline says cancelled; at the deadline, expired", async () => {
    const early = await placedOrder(n);
    await n.publish(orderCancelled(early.order));
    const [cancelled] = await mailsTo(n.catcher, early.buyer.email);
    expect(cancelled!.subject).toBe("Your order for Radiohead at the Forum was cancelled");
    expect(linkIn(cancelled!, PUBLIC_URL).pathname).toBe(`/tickets/${early.ticket.id}`);

    const late = await placedOrder(n, -1000);
    await n.publish(orderCancelled(late.order));
    const [expired] = await mailsTo(n.catcher, late.buyer.email);
    expect(expired!.subject).toBe("Your reservation for Radiohead at the Forum expired");
  });

  it("the reason orders gives decides the wording, whatever the clocks say", async () => {
    // Expired a moment before the deadline by notifications' clock (clocks differ between
    // machines), and cancelled by the buyer after it: the event's reason wins.
    const early = await placedOrder(n);
    await n.publish(orderCancelled(early.order, "expired"));
    expect((await mailsTo(n.catcher, early.buyer.email))[0]!.subject).toBe(
      "Your reservation for Radiohead at the Forum expired",
    );
    const late = await placedOrder(n, -1000);
    await n.publish(orderCancelled(late.order, "cancelled_by_buyer"));
    expect((await mailsTo(n.catcher, late.buyer.email))[0]!.subject).toBe(
      "Your order for Radiohead at the Forum was cancelled",
    );
  });

  it("an order ended because its seller withdrew the listing says so, and links to the order", async () => {
    const { buyer, order } = await placedOrder(n);
    await n.publish(orderCancelled(order, "listing_withdrawn"));
    const [withdrawn] = await mailsTo(n.catcher, buyer.email);
    expect(withdrawn!.subject).toBe("The seller withdrew Radiohead at the Forum: your order was cancelled");
    expect(withdrawn!.text).toContain("Nothing is charged: if a payment went through anyway, it goes back");
    expect(linkIn(withdrawn!, PUBLIC_URL).pathname).toBe(`/orders/${order.id}`);
  });

  it("a refund tells the buyer how much came back", async () => {
    const { buyer, order } = await placedOrder(n, -1000);
    await n.publish(
      createEvent("payment.refunded", {
        id: order.id,
        orderId: order.id,
        paypalOrderId: "PAYPAL-1",
        captureId: "CAPTURE-1",
        refundId: "REFUND-1",
        amount: 2050,
        currency: "USD",
      }),
    );
    const [refund] = await mailsTo(n.catcher, buyer.email);
    expect(refund!.subject).toBe("We refunded 20.50 USD");
    expect(linkIn(refund!, PUBLIC_URL).pathname).toBe(`/orders/${order.id}`);
  });

  it("a redelivered event sends no second mail", async () => {
    const { buyer, order } = await placedOrder(n);
    const completed = orderCompleted(order);
    await n.publish(completed);
    await n.publish(completed); // the same event again, as a redelivery would bring it
    await mailsTo(n.catcher, buyer.email);
    await consumerIdle(n, "order.completed");
    await queueSettled(n);
    expect(await inbox(n.catcher, buyer.email)).toHaveLength(1);
  });
});
