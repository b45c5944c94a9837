import { randomUUID } from "node:crypto";
import { eventually, sessionCookie } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import request from "supertest";
import { paypalOrders } from "../../src/db/schema";
import {
  approve,
  cancelOrder,
  fault,
  type PaymentsTest,
  paypalGet,
  paypalRequests,
  replica,
  seedOrder,
  startCheckout,
  startPayments,
} from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments({ ALLOWED_RETURN_ORIGINS: "http://shop.test:8080, http://localhost:8080/" });
});
afterAll(() => f.stop());
afterEach(() => f.resources.paypal.faults.clear());

const createOrder = (cookie: string, body: object) =>
  request(f.url).post("/api/payments/create-order").set("Cookie", cookie).send(body);

test("creates a PayPal order for the replica's price plus the service fee, ignoring a price sent by the browser", async () => {
  const order = await seedOrder(f, { price: 2050, currency: "EUR" });
  const res = await createOrder(order.cookie, { orderId: order.id, price: "0.01", amount: 1 }).expect(201);
  expect(res.body.id).toEqual(expect.any(String));
  expect(res.body.approveUrl).toBe(`${f.resources.paypal.url}/checkoutnow?token=${res.body.id}`);

  const atPayPal = await paypalGet<{
    intent: string;
    purchase_units: Array<{ reference_id: string; custom_id: string; amount: unknown }>;
  }>(f, `/v2/checkout/orders/${res.body.id}`);
  expect(atPayPal.intent).toBe("CAPTURE");
  expect(atPayPal.purchase_units[0]).toMatchObject({
    reference_id: order.id,
    custom_id: order.id,
    // 20.50 + the default service fee (10 % + 0.99 = 3.04): the total the ticket page shows.
    amount: { currency_code: "EUR", value: "23.54" },
  });
});

test("sends a PayPal-Request-Id with the create call", async () => {
  const order = await seedOrder(f);
  const { id } = (await createOrder(order.cookie, { orderId: order.id }).expect(201)).body;
  const { requests } = await paypalRequests(f);
  const create = requests.filter((r) => r.method === "POST" && r.path === "/v2/checkout/orders");
  expect(create.at(-1)?.requestId).toMatch(/^create-/);
  expect(id).toEqual(expect.any(String));
});

test("passes the return URL on, so PayPal's approval page sends the buyer back", async () => {
  const order = await seedOrder(f);
  const returnUrl = `http://shop.test:8080/orders/${order.id}?paypal=approved`;
  const { id } = (await createOrder(order.cookie, { orderId: order.id, returnUrl }).expect(201)).body;
  const approved = await request(f.resources.paypal.url)
    .post("/checkoutnow/approve")
    .type("form")
    .send({ token: id })
    .expect(303);
  expect(approved.headers.location).toMatch(
    new RegExp(`^http://shop\\.test:8080/orders/${order.id}\\?paypal=approved&token=${id}&PayerID=`),
  );
});

test("refuses return URLs on another site (PayPal would send the buyer there)", async () => {
  const order = await seedOrder(f);
  const res = await createOrder(order.cookie, { orderId: order.id, returnUrl: "https://evil.test/x" }).expect(400);
  expect(res.body.errors).toEqual([
    { message: "must be on http://shop.test:8080 or http://localhost:8080", field: "returnUrl" },
  ]);
  const notUrl = await createOrder(order.cookie, { orderId: order.id, cancelUrl: "javascript:alert(1)" }).expect(400);
  expect(notUrl.body.errors[0].field).toBe("cancelUrl");
});

test("needs a signed-in user", async () => {
  await request(f.url).post("/api/payments/create-order").send({ orderId: randomUUID() }).expect(401);
});

test.each([[{}], [{ orderId: "not-a-uuid" }], [{ orderId: 42 }]])("answers 400 naming orderId for %j", async (body) => {
  const res = await createOrder(sessionCookie({ id: randomUUID() }), body).expect(400);
  expect(res.body.errors[0].field).toBe("orderId");
});

test("answers 404 for an unknown order and for someone else's order", async () => {
  const order = await seedOrder(f);
  await createOrder(order.cookie, { orderId: randomUUID() }).expect(404);
  const stranger = sessionCookie({ id: randomUUID() });
  const res = await createOrder(stranger, { orderId: order.id }).expect(404);
  expect(res.body.errors).toEqual([{ message: "Order not found" }]);
});

test("answers 409 for a cancelled, completed or expired order, without asking PayPal", async () => {
  const cancelled = await seedOrder(f);
  await cancelOrder(f, cancelled);
  const completed = await seedOrder(f);
  await f.publish("order.completed", { id: completed.id, version: 1, ticket: { id: completed.ticket.id } });
  await eventually(async () => (await replica(f, completed.id))?.status === "complete");
  const expired = await seedOrder(f, { expiresInMs: -1000 });
  const creates = async () => (await paypalRequests(f)).requests.filter((r) => r.path === "/v2/checkout/orders");
  const before = (await creates()).length;

  const a = await createOrder(cancelled.cookie, { orderId: cancelled.id }).expect(409);
  expect(a.body.errors).toEqual([{ message: "order cancelled" }]);
  const b = await createOrder(completed.cookie, { orderId: completed.id }).expect(409);
  expect(b.body.errors).toEqual([{ message: "order already paid" }]);
  const c = await createOrder(expired.cookie, { orderId: expired.id }).expect(409);
  expect(c.body.errors).toEqual([{ message: "order expired" }]);
  expect(await creates()).toHaveLength(before);
});

test("answers 502 when PayPal is down, and records nothing", async () => {
  const order = await seedOrder(f);
  await fault(f, { mode: "error", status: 503, count: 0 });
  const res = await createOrder(order.cookie, { orderId: order.id }).expect(502);
  expect(res.body.errors).toEqual([{ message: "PayPal is unavailable; try again" }]);
  const rows = await f.service.context.database.db
    .select()
    .from(paypalOrders)
    .where(eq(paypalOrders.orderId, order.id));
  expect(rows).toEqual([]);
});

describe("issue 12, finding 6: one open PayPal order per order", () => {
  test("25 parallel create-order calls make one PayPal order, and a later call reuses it", async () => {
    const order = await seedOrder(f);
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => createOrder(order.cookie, { orderId: order.id })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(25).fill(201));
    const ids = new Set(answers.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(answers[0]!.body.approveUrl).toBe(`${f.resources.paypal.url}/checkoutnow?token=${answers[0]!.body.id}`);
    const again = await createOrder(order.cookie, { orderId: order.id }).expect(201);
    expect(again.body.id).toBe(answers[0]!.body.id);
    const rows = await f.service.context.database.db
      .select()
      .from(paypalOrders)
      .where(eq(paypalOrders.orderId, order.id));
    expect(rows).toHaveLength(1);
  });

  test("an approved PayPal order is not handed out again: a new checkout gets a new one", async () => {
    const order = await seedOrder(f);
    const first = await startCheckout(f, order);
    await approve(f, first);
    expect(await startCheckout(f, order)).not.toBe(first);
  });
});
