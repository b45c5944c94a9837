import { randomUUID } from "node:crypto";
import { sessionCookie } from "@m-ticketing/common/testing";
import request from "supertest";
import { approve, capture, listPayments, type PaymentsTest, seedOrder, startCheckout, startPayments } from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments();
});
afterAll(() => f.stop());

async function paidOrder(userId: string) {
  const order = await seedOrder(f, { userId });
  const paypalOrderId = await startCheckout(f, order);
  await approve(f, paypalOrderId);
  const res = await capture(f, paypalOrderId, order.cookie).expect(201);
  return { order, payment: res.body.payment };
}

test("lists only the signed-in user's payments, newest first, optionally for one order", async () => {
  const buyer = randomUUID();
  const first = await paidOrder(buyer);
  const second = await paidOrder(buyer);
  await paidOrder(randomUUID());
  const cookie = sessionCookie({ id: buyer });

  expect(await listPayments(f, cookie)).toEqual([second.payment, first.payment]);
  expect(await listPayments(f, cookie, first.order.id)).toEqual([first.payment]);
  expect(await listPayments(f, sessionCookie({ id: randomUUID() }))).toEqual([]);
});

test("needs a signed-in user", async () => {
  await request(f.url).get("/api/payments").expect(401);
});

test("answers 400 naming orderId when it is not an id", async () => {
  const res = await request(f.url)
    .get("/api/payments")
    .query({ orderId: "nope" })
    .set("Cookie", sessionCookie({ id: randomUUID() }))
    .expect(400);
  expect(res.body.errors).toEqual([{ message: "must be an order id (a UUID)", field: "orderId" }]);
});
