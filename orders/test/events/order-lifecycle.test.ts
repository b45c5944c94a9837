import { randomUUID } from "node:crypto";
import { createEvent } from "@m-ticketing/common";
import request from "supertest";
import {
  cookieOf,
  eventsWritten,
  expirationComplete,
  type Harness,
  newUser,
  orderRow,
  orderWithStatus,
  paymentCreated,
  placeOrder,
  seedTicket,
  startOrders,
} from "../helpers";

let h: Harness;

beforeAll(async () => {
  h = await startOrders();
});
afterAll(() => h.stop());

async function newOrder() {
  const ticket = await seedTicket(h);
  const res = await placeOrder(h, newUser(), ticket.id).expect(201);
  return { ticket, order: res.body.order as { id: string } };
}

const eventsFor = async (type: "order.cancelled" | "order.completed", orderId: string) =>
  (await h.published(type)).filter((e) => (e.data as { id: string }).id === orderId).map((e) => e.data);

describe("expiration.complete", () => {
  test("cancels an order still waiting for payment and frees its ticket", async () => {
    const { ticket, order } = await newOrder();
    await h.publish(expirationComplete(order.id));
    await orderWithStatus(h, order.id, "cancelled");
    expect(await eventsFor("order.cancelled", order.id)).toEqual([
      { id: order.id, version: 1, ticket: { id: ticket.id }, reason: "expired" },
    ]);
    await placeOrder(h, newUser(), ticket.id).expect(201);
  });

  test("delivered three times, cancels once", async () => {
    const { order } = await newOrder();
    const event = expirationComplete(order.id);
    await h.publish(event);
    await h.publish(event, { duplicate: true });
    await h.publish(event, { duplicate: true });
    await h.consumerIdle("orders", "expiration.complete");
    expect(await orderRow(h, order.id)).toMatchObject({ status: "cancelled", version: 1 });
    expect(await eventsFor("order.cancelled", order.id)).toHaveLength(1);
  });

  test("leaves a paid order complete", async () => {
    const { order } = await newOrder();
    await h.publish(paymentCreated(order.id));
    await orderWithStatus(h, order.id, "complete");
    await h.publish(expirationComplete(order.id));
    await h.consumerIdle("orders", "expiration.complete");
    expect(await orderRow(h, order.id)).toMatchObject({ status: "complete", version: 1 });
    expect(await eventsFor("order.cancelled", order.id)).toEqual([]);
  });

  test("leaves an order the buyer cancelled as it is, publishing nothing", async () => {
    const { order } = await newOrder();
    const buyer = (await orderRow(h, order.id))!.userId;
    await request(h.url)
      .delete(`/api/orders/${order.id}`)
      .set("Cookie", cookieOf({ id: buyer }))
      .expect(200);
    await h.publish(expirationComplete(order.id));
    await h.consumerIdle("orders", "expiration.complete");
    expect(await orderRow(h, order.id)).toMatchObject({ status: "cancelled", version: 1 });
    expect(await eventsFor("order.cancelled", order.id)).toHaveLength(1);
  });

  test("for an order it does not know is acknowledged and changes nothing", async () => {
    const before = await eventsWritten(h);
    await h.publish(expirationComplete(randomUUID()));
    await h.consumerIdle("orders", "expiration.complete");
    expect(await eventsWritten(h)).toBe(before);
  });
});

describe("payment.created", () => {
  test("completes an order waiting for payment and announces order.completed", async () => {
    const { ticket, order } = await newOrder();
    await h.publish(paymentCreated(order.id));
    await orderWithStatus(h, order.id, "complete");
    expect(await eventsFor("order.completed", order.id)).toEqual([
      { id: order.id, version: 1, ticket: { id: ticket.id } },
    ]);
    const res = await placeOrder(h, newUser(), ticket.id).expect(409);
    expect(res.body.errors[0].message).toBe("The ticket is already sold");
  });

  test("delivered twice, completes once", async () => {
    const { order } = await newOrder();
    const event = paymentCreated(order.id);
    await h.publish(event);
    await h.publish(event, { duplicate: true });
    await h.consumerIdle("orders", "payment.created");
    expect(await orderRow(h, order.id)).toMatchObject({ status: "complete", version: 1 });
    expect(await eventsFor("order.completed", order.id)).toHaveLength(1);
  });

  test("does not revive an order that expired first (payments refunds that capture)", async () => {
    const { order } = await newOrder();
    await h.publish(expirationComplete(order.id));
    await orderWithStatus(h, order.id, "cancelled");
    await h.publish(paymentCreated(order.id));
    await h.consumerIdle("orders", "payment.created");
    expect(await orderRow(h, order.id)).toMatchObject({ status: "cancelled", version: 1 });
    expect(await eventsFor("order.completed", order.id)).toEqual([]);
  });
});

describe("payment.refunded", () => {
  const refunded = (orderId: string) =>
    createEvent("payment.refunded", { ...paymentCreated(orderId).data, refundId: `REFUND-${orderId.slice(0, 8)}` });
  const shown = async (orderId: string) => {
    const buyer = (await orderRow(h, orderId))!.userId;
    return (
      await request(h.url)
        .get(`/api/orders/${orderId}`)
        .set("Cookie", cookieOf({ id: buyer }))
        .expect(200)
    ).body.order;
  };

  test("on an expired order: the API says it expired and that the late payment was refunded (issue 17 item 3)", async () => {
    const { order } = await newOrder();
    await h.publish(expirationComplete(order.id));
    await orderWithStatus(h, order.id, "cancelled");
    const event = refunded(order.id);
    await h.publish(event);
    await h.publish(event, { duplicate: true });
    await h.consumerIdle("orders", "payment.refunded");
    expect(await shown(order.id)).toMatchObject({
      status: "cancelled",
      endReason: "expired",
      refundedAt: event.occurredAt,
      version: 1,
    });
    // Nothing is announced: the refund changes no status.
    expect(await eventsFor("order.cancelled", order.id)).toHaveLength(1);
  });

  test("on a paid order (a second payment given back): the order stays paid, no refund shown", async () => {
    const { order } = await newOrder();
    await h.publish(paymentCreated(order.id));
    await orderWithStatus(h, order.id, "complete");
    await h.publish(refunded(order.id));
    await h.consumerIdle("orders", "payment.refunded");
    expect(await shown(order.id)).toMatchObject({ status: "complete", endReason: null, refundedAt: null });
  });
});
