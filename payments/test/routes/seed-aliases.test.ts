// The seed documentation's `POST /api/payments {orderId, paypalOrderId}` is our capture:
// each scenario runs against both twins and must get the same answer.
import { randomUUID } from "node:crypto";
import { eventually, sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import {
  approve,
  awaitEvents,
  cancelOrder,
  type PaymentsTest,
  paypalGet,
  seedOrder,
  startCheckout,
  startPayments,
} from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments();
});
afterAll(() => f.stop());

const capturesAtPayPal = async (paypalOrderId: string) => {
  const atPayPal = await paypalGet<{ purchase_units: Array<{ payments?: { captures: unknown[] } }> }>(
    f,
    `/v2/checkout/orders/${paypalOrderId}`,
  );
  return atPayPal.purchase_units[0]?.payments?.captures ?? [];
};

type Capture = (
  target: { paypalOrderId: string; orderId: string },
  cookie?: string,
  extra?: Record<string, unknown>,
) => request.Test;

const ours: Capture = ({ paypalOrderId }, cookie) => {
  const req = request(f.url).post(`/api/payments/${paypalOrderId}/capture`);
  return cookie ? req.set("Cookie", cookie) : req;
};
const seedAlias: Capture = ({ paypalOrderId, orderId }, cookie, extra = {}) => {
  const req = request(f.url).post("/api/payments");
  return (cookie ? req.set("Cookie", cookie) : req).send({ orderId, paypalOrderId, ...extra });
};

describe.each([
  ["POST /api/payments/:paypalOrderId/capture (ours)", ours],
  ["POST /api/payments (seed-compatible alias)", seedAlias],
])("%s", (_which, capture) => {
  test("201 for an approved payment, for the server's amount; 200 with the same payment again, one capture", async () => {
    const order = await seedOrder(f, { price: 2050 });
    const paypalOrderId = await startCheckout(f, order);
    await approve(f, paypalOrderId);
    // A price in the body is ignored by both: the amount is always the order's.
    const first = await capture({ paypalOrderId, orderId: order.id }, order.cookie, { amount: "0.01" }).expect(201);
    expect(first.body.payment).toMatchObject({
      orderId: order.id,
      paypalOrderId,
      amount: "23.54",
      status: "completed",
    });
    const again = await capture({ paypalOrderId, orderId: order.id }, order.cookie).expect(200);
    expect(again.body.payment).toEqual(first.body.payment);
    expect(await capturesAtPayPal(paypalOrderId)).toHaveLength(1);
    const [created] = await awaitEvents(f, "payment.created", order.id);
    expect(created!.data).toMatchObject({ id: first.body.payment.id, amount: 2050 });
  });

  test("401 when nobody is signed in", async () => {
    const res = await capture({ paypalOrderId: "ABC", orderId: randomUUID() }).expect(401);
    expect(res.body).toEqual({ errors: [{ message: "Not signed in" }] });
  });

  test("400 naming paypalOrderId when it is malformed", async () => {
    const res = await capture(
      { paypalOrderId: "bad%20id", orderId: randomUUID() },
      sessionCookie({ id: randomUUID() }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ message: "must be a PayPal order id", field: "paypalOrderId" }]);
  });

  test("404 for someone else's order, capturing nothing", async () => {
    const order = await seedOrder(f);
    const paypalOrderId = await startCheckout(f, order);
    await approve(f, paypalOrderId);
    const stranger = sessionCookie({ id: randomUUID() });
    const res = await capture({ paypalOrderId, orderId: order.id }, stranger).expect(404);
    expect(res.body).toEqual({ errors: [{ message: "PayPal order not found" }] });
    expect(await capturesAtPayPal(paypalOrderId)).toHaveLength(0);
  });

  test("409 before the buyer approved at PayPal, then 201 once they have", async () => {
    const order = await seedOrder(f);
    const paypalOrderId = await startCheckout(f, order);
    const res = await capture({ paypalOrderId, orderId: order.id }, order.cookie).expect(409);
    expect(res.body).toEqual({ errors: [{ message: "the buyer has not approved the payment at PayPal yet" }] });
    await approve(f, paypalOrderId);
    await capture({ paypalOrderId, orderId: order.id }, order.cookie).expect(201);
  });

  test("409 for an order that expired or was cancelled, capturing nothing", async () => {
    const expiring = await seedOrder(f, { expiresInMs: 4000 });
    const expiringPayPal = await startCheckout(f, expiring);
    await approve(f, expiringPayPal);
    const cancelled = await seedOrder(f);
    const cancelledPayPal = await startCheckout(f, cancelled);
    await approve(f, cancelledPayPal);
    await cancelOrder(f, cancelled);
    await eventually(async () => Date.now() > new Date(expiring.expiresAt).getTime() + 50);

    const late = await capture({ paypalOrderId: expiringPayPal, orderId: expiring.id }, expiring.cookie).expect(409);
    expect(late.body).toEqual({ errors: [{ message: "order expired" }] });
    const gone = await capture({ paypalOrderId: cancelledPayPal, orderId: cancelled.id }, cancelled.cookie).expect(409);
    expect(gone.body).toEqual({ errors: [{ message: "order cancelled" }] });
    expect(await capturesAtPayPal(expiringPayPal)).toHaveLength(0);
    expect(await capturesAtPayPal(cancelledPayPal)).toHaveLength(0);
  });
});

describe("POST /api/payments: the seed's orderId", () => {
  test("400 naming orderId when it is missing or not an order id", async () => {
    const cookie = sessionCookie({ id: randomUUID() });
    const missing = await request(f.url).post("/api/payments").set("Cookie", cookie).send({ paypalOrderId: "ABC" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ message: expect.any(String), field: "orderId" }]);
    const malformed = await seedAlias({ paypalOrderId: "ABC", orderId: "42" }, cookie).expect(400);
    expect(malformed.body.errors).toEqual([{ message: "must be an order id (a UUID)", field: "orderId" }]);
  });

  test("404 when the PayPal order belongs to another of the buyer's orders, capturing nothing", async () => {
    const buyer = randomUUID();
    const paid = await seedOrder(f, { userId: buyer });
    const other = await seedOrder(f, { userId: buyer });
    const paypalOrderId = await startCheckout(f, paid);
    await approve(f, paypalOrderId);
    const res = await seedAlias({ paypalOrderId, orderId: other.id }, paid.cookie).expect(404);
    expect(res.body).toEqual({ errors: [{ message: "PayPal order not found for this order" }] });
    expect(await capturesAtPayPal(paypalOrderId)).toHaveLength(0);
    // Ours checks it the same way when the body names the order.
    await request(f.url)
      .post(`/api/payments/${paypalOrderId}/capture`)
      .set("Cookie", paid.cookie)
      .send({ orderId: other.id })
      .expect(404);
    await seedAlias({ paypalOrderId, orderId: paid.id }, paid.cookie).expect(201);
  });
});
