import { randomUUID } from "node:crypto";
import { sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import { type PaymentsTest, seedOrder, startCheckout, startPayments } from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments({ BUYER_FEE_PERCENT: "7.5", BUYER_FEE_FIXED: "0.50", SELLER_FEE_PERCENT: "4" });
});
afterAll(() => f.stop());

test("the fee policy is public (the sell form's 'you receive')", async () => {
  const res = await request(f.url).get("/api/payments/fees").expect(200);
  expect(res.body).toEqual({ fees: { buyerFeePercent: "7.5", buyerFeeFixed: "0.50", sellerFeePercent: "4" } });
});

test("the buyer's order breakdown is exactly what the PayPal order is made for", async () => {
  const order = await seedOrder(f, { price: 1999, currency: "EUR" });
  const res = await request(f.url).get("/api/payments/fees").query({ orderId: order.id }).set("Cookie", order.cookie);
  // 19.99 × 7.5 % = 1.49925 → 1.50 (half up), + 0.50
  expect(res.body.order).toEqual({ price: "19.99", buyerFee: "2.00", total: "21.99", currency: "EUR" });
  const paypalOrderId = await startCheckout(f, order);
  const atPayPal = f.resources.paypal.store.orders.get(paypalOrderId);
  expect(atPayPal?.unit.amount).toEqual({ currency_code: "EUR", value: res.body.order.total });
});

test("someone else's or an unknown order is not found; a malformed id names orderId", async () => {
  const order = await seedOrder(f);
  const other = sessionCookie({ id: randomUUID() });
  await request(f.url).get("/api/payments/fees").query({ orderId: order.id }).set("Cookie", other).expect(404);
  await request(f.url).get("/api/payments/fees").query({ orderId: order.id }).expect(404);
  const bad = await request(f.url).get("/api/payments/fees").query({ orderId: "x" }).set("Cookie", other).expect(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ field: "orderId" })]);
});

test("sales need a signed-in seller", async () => {
  await request(f.url).get("/api/payments/sales").expect(401);
  const res = await request(f.url)
    .get("/api/payments/sales")
    .set("Cookie", sessionCookie({ id: randomUUID() }))
    .expect(200);
  expect(res.body).toEqual({ sales: [] });
});
