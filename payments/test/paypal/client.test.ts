import { createLogger } from "@m-ticketing/common";
import { eventually } from "@m-ticketing/common/testing";
import { type RunningEmulator, startEmulator } from "@m-ticketing/paypal-emulator";
import request from "supertest";
import { PayPalClient, type PayPalClientOptions } from "../../src/paypal/client";
import { PayPalApiError, PayPalUnavailableError } from "../../src/paypal/errors";
import { captureOf } from "../../src/paypal/responses";

let paypal: RunningEmulator;
beforeAll(async () => {
  paypal = await startEmulator();
});
afterAll(() => paypal.close());
afterEach(() => paypal.faults.clear());

const client = (options: Partial<PayPalClientOptions> = {}) =>
  new PayPalClient({
    baseUrl: paypal.url,
    clientId: "emulator-client-id",
    clientSecret: "emulator-client-secret",
    timeoutMs: 2000,
    maxRetries: 2,
    logger: createLogger("paypal-test", "silent"),
    ...options,
  });

const order = {
  amount: "23.54",
  price: "20.50",
  serviceFee: "3.04",
  itemName: "Ticket",
  currency: "USD",
  orderId: "0b8f5d0e-3d6a-4b8e-9a4c-5f3e2d1c0b9a",
  description: "Ticket order",
  brandName: "Ticketing",
};

const calls = (path: string) => paypal.faults.requests.filter((r) => r.path === path);
const fault = (spec: object) => request(paypal.url).post("/emulator/faults").send(spec).expect(201);

test("caches the access token across calls", async () => {
  const before = calls("/v1/oauth2/token").length;
  const c = client();
  const created = await c.createOrder(order, "create-1");
  await c.getOrder(created.id);
  await c.getOrder(created.id);
  expect(calls("/v1/oauth2/token").length - before).toBe(1);
});

test("fetches a new token shortly before the old one expires", async () => {
  const shortLived = await startEmulator({ tokenTtlSeconds: 2 });
  try {
    const c = client({ baseUrl: shortLived.url });
    const created = await c.createOrder(order, "create-1");
    const tokenRequests = () => shortLived.faults.requests.filter((r) => r.path === "/v1/oauth2/token").length;
    // Renewal is due half-way through a 2 s token: calls reuse it until then, then one renewal.
    await eventually(async () => {
      await c.getOrder(created.id);
      return tokenRequests() === 2;
    });
    await c.getOrder(created.id);
    expect(tokenRequests()).toBe(2);
  } finally {
    await shortLived.close();
  }
});

test("a token PayPal no longer accepts is replaced and the call goes through", async () => {
  const c = client();
  const created = await c.createOrder(order, "create-2");
  await request(paypal.url).post("/emulator/expire-tokens").expect(200);
  await expect(c.getOrder(created.id)).resolves.toMatchObject({ id: created.id });
});

test("creates an order with intent CAPTURE, our amount and reference, and the request id", async () => {
  const created = await client().createOrder({ ...order, returnUrl: "http://shop.test/back" }, "create-3");
  expect(created.status).toBe("PAYER_ACTION_REQUIRED");
  expect(created.purchase_units?.[0]).toMatchObject({
    reference_id: order.orderId,
    custom_id: order.orderId,
    amount: { currency_code: "USD", value: "23.54" },
  });
  expect(calls("/v2/checkout/orders").at(-1)?.requestId).toBe("create-3");
  expect(paypal.store.orders.get(created.id)?.returnUrl).toBe("http://shop.test/back");
});

test("retries 5xx answers and succeeds", async () => {
  const c = client();
  await fault({ mode: "error", status: 503, count: 2, path: "/v2/checkout/orders" });
  const created = await c.createOrder(order, "create-4");
  expect(created.id).toEqual(expect.any(String));
  expect(calls("/v2/checkout/orders").filter((r) => r.requestId === "create-4")).toHaveLength(3);
  expect(paypal.store.orders.has(created.id)).toBe(true);
});

test("times out a slow call and retries it with the same PayPal-Request-Id", async () => {
  const c = client({ timeoutMs: 200 });
  const created = await c.createOrder(order, "create-5");
  await request(paypal.url).post(`/v2/checkout/orders/${created.id}/approve`).expect(200);
  await fault({ mode: "delay", delayMs: 600, path: "/capture" });
  const captured = await c.captureOrder(created.id, "capture-5");
  expect(captureOf(captured)?.status).toBe("COMPLETED");
  const attempts = calls(`/v2/checkout/orders/${created.id}/capture`);
  expect(attempts.map((a) => a.requestId)).toEqual(["capture-5", "capture-5"]);
  expect(paypal.store.captures.size).toBeGreaterThan(0);
});

test("does not retry a 4xx and reports PayPal's issue", async () => {
  const c = client();
  const created = await c.createOrder(order, "create-6");
  const error = await c.captureOrder(created.id, "capture-6").catch((e) => e);
  expect(error).toBeInstanceOf(PayPalApiError);
  expect(error).toMatchObject({ status: 422, errorName: "UNPROCESSABLE_ENTITY", issue: "ORDER_NOT_APPROVED" });
  expect(calls(`/v2/checkout/orders/${created.id}/capture`)).toHaveLength(1);
});

test("gives up with PayPalUnavailableError after the retries", async () => {
  await fault({ mode: "error", status: 500, count: 0 });
  const error = await client({ maxRetries: 1 })
    .getOrder("ANY")
    .catch((e) => e);
  expect(error).toBeInstanceOf(PayPalUnavailableError);
});

test("a server that is not there is unavailable, not a crash", async () => {
  const error = await client({ baseUrl: "http://127.0.0.1:9", maxRetries: 1 })
    .getOrder("ANY")
    .catch((e) => e);
  expect(error).toBeInstanceOf(PayPalUnavailableError);
});

test("wrong client credentials fail at once with PayPal's OAuth error", async () => {
  const before = calls("/v1/oauth2/token").length;
  const error = await client({ clientSecret: "wrong" })
    .getOrder("ANY")
    .catch((e) => e);
  expect(error).toBeInstanceOf(PayPalApiError);
  expect(error).toMatchObject({ status: 401, errorName: "invalid_client" });
  expect(calls("/v1/oauth2/token").length - before).toBe(1);
});

test("refunds a capture in full, idempotently by request id", async () => {
  const c = client();
  const created = await c.createOrder(order, "create-7");
  await request(paypal.url).post(`/v2/checkout/orders/${created.id}/approve`).expect(200);
  const capture = captureOf(await c.captureOrder(created.id, "capture-7"))!;
  const refund = await c.refundCapture(capture.id, "refund-7", "sorry");
  const again = await c.refundCapture(capture.id, "refund-7", "sorry");
  expect(again.id).toBe(refund.id);
  expect((await c.getCapture(capture.id)).status).toBe("REFUNDED");
});
