import { randomUUID } from "node:crypto";
import { eventually, sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import {
  approve,
  awaitEvents,
  cancelOrder,
  capture,
  eventsFor,
  fault,
  listPayments,
  type PaymentsTest,
  paypalGet,
  paypalRequests,
  seedOrder,
  startCheckout,
  startPayments,
} from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments();
});
afterAll(() => f.stop());
afterEach(() => f.resources.paypal.faults.clear());

/** An order whose buyer has created and approved a PayPal order for it. */
async function approvedCheckout(options: Parameters<typeof seedOrder>[1] = {}) {
  const order = await seedOrder(f, options);
  const paypalOrderId = await startCheckout(f, order);
  await approve(f, paypalOrderId);
  return { order, paypalOrderId };
}

const captureAtPayPal = async (paypalOrderId: string) => {
  const atPayPal = await paypalGet<{
    status: string;
    purchase_units: Array<{ payments?: { captures: Array<{ id: string; amount: unknown }> } }>;
  }>(f, `/v2/checkout/orders/${paypalOrderId}`);
  return { status: atPayPal.status, captures: atPayPal.purchase_units[0]?.payments?.captures ?? [] };
};

const waitUntilHeld = () => eventually(async () => (await paypalRequests(f)).held > 0);

test("captures an approved payment, stores it and publishes payment.created", async () => {
  const { order, paypalOrderId } = await approvedCheckout({ price: 2050 });
  const res = await capture(f, paypalOrderId, order.cookie).expect(201);
  const { captures } = await captureAtPayPal(paypalOrderId);
  expect(res.body.payment).toEqual({
    id: expect.any(String),
    orderId: order.id,
    paypalOrderId,
    captureId: captures[0]!.id,
    // What the buyer paid: the price and the default service fee (10 % + 0.99), captured at PayPal.
    amount: "23.54",
    price: "20.50",
    serviceFee: "3.04",
    currency: "USD",
    status: "completed",
    createdAt: expect.any(String),
  });
  const [event] = await awaitEvents(f, "payment.created", order.id);
  expect(event!.data).toEqual({
    id: res.body.payment.id,
    orderId: order.id,
    paypalOrderId,
    captureId: captures[0]!.id,
    amount: 2050,
    currency: "USD",
    buyerFee: 304,
    total: 2354,
  });
  expect(captures[0]!.amount).toEqual({ currency_code: "USD", value: "23.54" });
  expect(await listPayments(f, order.cookie, order.id)).toEqual([res.body.payment]);
});

test("capturing twice returns the same payment (200) and PayPal captures once", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  const first = await capture(f, paypalOrderId, order.cookie).expect(201);
  const second = await capture(f, paypalOrderId, order.cookie).expect(200);
  expect(second.body.payment).toEqual(first.body.payment);
  expect((await captureAtPayPal(paypalOrderId)).captures).toHaveLength(1);
  await eventually(async () => (await eventsFor(f, "payment.created", order.id)).length === 1);
  expect(await listPayments(f, order.cookie, order.id)).toHaveLength(1);
});

test("concurrent capture calls record one payment", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  const results = await Promise.all([1, 2, 3].map(() => capture(f, paypalOrderId, order.cookie)));
  expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
  expect(new Set(results.map((r) => r.body.payment.id)).size).toBe(1);
  expect((await captureAtPayPal(paypalOrderId)).captures).toHaveLength(1);
  expect(await listPayments(f, order.cookie, order.id)).toHaveLength(1);
});

test("answers 409 before the buyer approved, then captures once they have", async () => {
  const order = await seedOrder(f);
  const paypalOrderId = await startCheckout(f, order);
  const res = await capture(f, paypalOrderId, order.cookie).expect(409);
  expect(res.body.errors).toEqual([{ message: "the buyer has not approved the payment at PayPal yet" }]);
  await approve(f, paypalOrderId);
  await capture(f, paypalOrderId, order.cookie).expect(201);
});

test("answers 404 for an unknown PayPal order and for another buyer's", async () => {
  const { paypalOrderId } = await approvedCheckout();
  const stranger = sessionCookie({ id: randomUUID() });
  const res = await capture(f, paypalOrderId, stranger).expect(404);
  expect(res.body.errors).toEqual([{ message: "PayPal order not found" }]);
  await capture(f, "NOSUCHPAYPALORDER", stranger).expect(404);
  expect((await captureAtPayPal(paypalOrderId)).captures).toHaveLength(0);
});

test("needs a signed-in user and a well-formed PayPal order id", async () => {
  await request(f.url).post("/api/payments/ABC/capture").expect(401);
  const res = await capture(f, "bad%20id", sessionCookie({ id: randomUUID() })).expect(400);
  expect(res.body.errors[0].field).toBe("paypalOrderId");
});

test("a cancelled order is not charged at all", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  await cancelOrder(f, order);
  const res = await capture(f, paypalOrderId, order.cookie).expect(409);
  expect(res.body.errors).toEqual([{ message: "order cancelled" }]);
  expect((await captureAtPayPal(paypalOrderId)).captures).toHaveLength(0);
});

test("an order cancelled while PayPal captures is refunded at once: 409, payment.refunded", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  await fault(f, { mode: "hold", path: "/capture" });
  const capturing = capture(f, paypalOrderId, order.cookie).then((r) => r);
  await waitUntilHeld();
  await cancelOrder(f, order);
  await request(f.resources.paypal.url).post("/emulator/release").expect(200);

  const res = await capturing;
  expect(res.status).toBe(409);
  expect(res.body.errors).toEqual([{ message: "order cancelled; payment refunded" }]);
  const [captured] = (await captureAtPayPal(paypalOrderId)).captures;
  expect((await paypalGet(f, `/v2/payments/captures/${captured!.id}`)).status).toBe("REFUNDED");
  const [refunded] = await awaitEvents(f, "payment.refunded", order.id);
  expect(refunded!.data).toMatchObject({ orderId: order.id, paypalOrderId, captureId: captured!.id, amount: 2354 });
  expect(await eventsFor(f, "payment.created", order.id)).toEqual([]);
  expect(await listPayments(f, order.cookie, order.id)).toEqual([
    expect.objectContaining({ status: "refunded", captureId: captured!.id }),
  ]);
  // Asking again tells the same story and moves no more money.
  const again = await capture(f, paypalOrderId, order.cookie).expect(409);
  expect(again.body.errors).toEqual([{ message: "order cancelled; payment refunded" }]);
});

test("an order that expires while PayPal captures is refunded: 409 'order expired; payment refunded'", async () => {
  const { order, paypalOrderId } = await approvedCheckout({ expiresInMs: 4000 });
  await fault(f, { mode: "hold", path: "/capture" });
  const capturing = capture(f, paypalOrderId, order.cookie).then((r) => r);
  await waitUntilHeld();
  await eventually(async () => Date.now() > new Date(order.expiresAt).getTime() + 50);
  await request(f.resources.paypal.url).post("/emulator/release").expect(200);

  const res = await capturing;
  expect(res.status).toBe(409);
  expect(res.body.errors).toEqual([{ message: "order expired; payment refunded" }]);
  const [captured] = (await captureAtPayPal(paypalOrderId)).captures;
  expect((await paypalGet(f, `/v2/payments/captures/${captured!.id}`)).status).toBe("REFUNDED");
  await eventually(async () => (await eventsFor(f, "payment.refunded", order.id)).length === 1);
});

test("a second PayPal order for an order already paid is refused without charging", async () => {
  const order = await seedOrder(f);
  // A second PayPal order exists only once the first is no longer awaiting approval.
  const firstId = await startCheckout(f, order);
  await approve(f, firstId);
  const secondId = await startCheckout(f, order);
  await approve(f, secondId);
  await capture(f, firstId, order.cookie).expect(201);
  const res = await capture(f, secondId, order.cookie).expect(409);
  expect(res.body.errors).toEqual([{ message: "order already paid" }]);
  expect((await captureAtPayPal(secondId)).captures).toHaveLength(0);
});

test("two PayPal orders captured at the same time: the second capture is refunded", async () => {
  const order = await seedOrder(f);
  // A second PayPal order exists only once the first is no longer awaiting approval.
  const firstId = await startCheckout(f, order);
  await approve(f, firstId);
  const secondId = await startCheckout(f, order);
  await approve(f, secondId);
  await fault(f, { mode: "hold", path: `${secondId}/capture` });
  const second = capture(f, secondId, order.cookie).then((r) => r);
  await waitUntilHeld();
  await capture(f, firstId, order.cookie).expect(201);
  await request(f.resources.paypal.url).post("/emulator/release").expect(200);

  const res = await second;
  expect(res.status).toBe(409);
  expect(res.body.errors).toEqual([{ message: "order already paid; payment refunded" }]);
  const [captured] = (await captureAtPayPal(secondId)).captures;
  expect((await paypalGet(f, `/v2/payments/captures/${captured!.id}`)).status).toBe("REFUNDED");
  const [created] = await awaitEvents(f, "payment.created", order.id);
  expect(created!.data.paypalOrderId).toBe(firstId);
  const [refunded] = await awaitEvents(f, "payment.refunded", order.id);
  expect(refunded!.data.paypalOrderId).toBe(secondId);
});

test("money captured before a late order.cancelled is refunded by the janitor", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  const paid = await capture(f, paypalOrderId, order.cookie).expect(201);
  // The orders service cancelled the order (expired) before it saw payment.created.
  await cancelOrder(f, order);
  const [refunded] = await awaitEvents(f, "payment.refunded", order.id);
  expect(refunded!.data).toMatchObject({ id: paid.body.payment.id, captureId: paid.body.payment.captureId });
  expect((await paypalGet(f, `/v2/payments/captures/${paid.body.payment.captureId}`)).status).toBe("REFUNDED");
  expect(await listPayments(f, order.cookie, order.id)).toEqual([expect.objectContaining({ status: "refunded" })]);
});

test("PayPal down: 502 and nothing recorded; once it is back the buyer can pay", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  await fault(f, { mode: "error", status: 503, count: 0 });
  const res = await capture(f, paypalOrderId, order.cookie).expect(502);
  expect(res.body.errors).toEqual([{ message: "PayPal is unavailable; try again" }]);
  expect(await listPayments(f, order.cookie, order.id)).toEqual([]);

  // PayPal is back (the fault also failed our own reads): it has captured nothing so far.
  f.resources.paypal.faults.clear();
  expect((await captureAtPayPal(paypalOrderId)).captures).toHaveLength(0);
  await capture(f, paypalOrderId, order.cookie).expect(201);
  expect(await eventsFor(f, "payment.refunded", order.id)).toEqual([]);
});

test("a lost capture answer is retried with the same PayPal-Request-Id: one capture, 201", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  await fault(f, { mode: "drop-after", path: "/capture" });
  const res = await capture(f, paypalOrderId, order.cookie).expect(201);
  expect((await captureAtPayPal(paypalOrderId)).captures).toHaveLength(1);
  const attempts = (await paypalRequests(f)).requests.filter((r) => r.path.endsWith(`${paypalOrderId}/capture`));
  expect(attempts.length).toBe(2);
  expect(attempts[0]!.requestId).toBe(attempts[1]!.requestId);
  expect(res.body.payment.status).toBe("completed");
});

test("a capture whose every answer was lost (502) is found by the janitor and recorded", async () => {
  const { order, paypalOrderId } = await approvedCheckout();
  await fault(f, { mode: "drop-after", path: "/capture", count: 0 });
  await capture(f, paypalOrderId, order.cookie).expect(502);
  f.resources.paypal.faults.clear();
  expect((await captureAtPayPal(paypalOrderId)).captures).toHaveLength(1);

  const [created] = await awaitEvents(f, "payment.created", order.id);
  expect(created!.data.paypalOrderId).toBe(paypalOrderId);
  const again = await capture(f, paypalOrderId, order.cookie).expect(200);
  expect(again.body.payment.id).toBe(created!.data.id);
});
