import { randomUUID } from "node:crypto";
import { eventually, sessionCookie, startTest, type TestStack } from "@m-ticketing/common/testing";
import { EMULATOR_CREDENTIALS, paypalEmulator } from "@m-ticketing/paypal-emulator";
import { eq } from "drizzle-orm";
import request from "supertest";
import { type createPaymentsService, paymentsModule } from "../src/app";
import type { PaymentsConfig } from "../src/config";
import { orders, payoutHolds, paypalWebhookEvents } from "../src/db/schema";

/**
 * The payments service as it runs (common's `startTest`): its own database and stream,
 * real NATS and PostgreSQL, and the PayPal emulator over HTTP (`t.resources.paypal`).
 */
export type PaymentsTest = TestStack<
  PaymentsConfig,
  ReturnType<typeof createPaymentsService>,
  { paypal: Awaited<ReturnType<typeof paypalEmulator>> }
>;

export function startPayments(env: Record<string, string> = {}): Promise<PaymentsTest> {
  return startTest({
    services: [paymentsModule],
    resources: { paypal: paypalEmulator },
    env: { PAYPAL_TIMEOUT_MS: "5000", JANITOR_INTERVAL_MS: "100", CAPTURE_IN_DOUBT_AFTER_MS: "300", ...env },
  });
}

/** The webhook id payments is configured with in tests (PAYPAL_WEBHOOK_ID). */
export const TEST_WEBHOOK_ID = "WH-TEST-PAYMENTS";

/** Payments with PayPal's webhooks pointed at it, as PayPal's dashboard would be configured. */
export async function startPaymentsWithWebhooks(env: Record<string, string> = {}): Promise<PaymentsTest> {
  const t = await startPayments({ PAYPAL_WEBHOOK_ID: TEST_WEBHOOK_ID, ...env });
  t.resources.paypal.webhooks.subscribe(`${t.url}/api/payments/webhooks/paypal`, ["*"], TEST_WEBHOOK_ID);
  return t;
}

/** A buyer's order, paid: created, approved at PayPal and captured. */
export async function paidOrder(t: PaymentsTest, options: Parameters<typeof seedOrder>[1] = {}) {
  const order = await seedOrder(t, options);
  const paypalOrderId = await startCheckout(t, order);
  await approve(t, paypalOrderId);
  const res = await capture(t, paypalOrderId, order.cookie).expect(201);
  return { order, paypalOrderId, payment: res.body.payment as { id: string; captureId: string; amount: string } };
}

export function holdsFor(t: PaymentsTest, orderId: string) {
  return t.service.context.database.db.select().from(payoutHolds).where(eq(payoutHolds.orderId, orderId));
}

export function webhookEvents(t: PaymentsTest) {
  return t.service.context.database.db.select().from(paypalWebhookEvents);
}

/** An order the orders service created (published as `order.created`), once payments has it. */
export async function seedOrder(
  t: PaymentsTest,
  options: {
    userId?: string;
    price?: number;
    currency?: string;
    expiresInMs?: number;
    sellerId?: string;
    /** When the ticket's event starts (default: in a day). */
    startsAt?: Date;
  } = {},
) {
  const data = {
    id: randomUUID(),
    userId: options.userId ?? randomUUID(),
    status: "created" as const,
    expiresAt: new Date(Date.now() + (options.expiresInMs ?? 15 * 60_000)).toISOString(),
    version: 0,
    ticket: {
      id: randomUUID(),
      price: options.price ?? 2050,
      currency: options.currency ?? "USD",
      sellerId: options.sellerId ?? randomUUID(),
      title: "Radiohead at the Forum",
      startsAt: (options.startsAt ?? new Date(Date.now() + 86_400_000)).toISOString(),
    },
  };
  await t.publish("order.created", data);
  await eventually(async () => (await replica(t, data.id))?.userId === data.userId);
  return { ...data, cookie: sessionCookie({ id: data.userId }) };
}

export async function cancelOrder(t: PaymentsTest, order: { id: string; ticket: { id: string } }, version = 1) {
  await t.publish("order.cancelled", { id: order.id, version, ticket: { id: order.ticket.id } });
  await eventually(async () => (await replica(t, order.id))?.status === "cancelled");
}

/** Payments' copy of an order. */
export function replica(t: PaymentsTest, orderId: string) {
  return t.service.context.database.db
    .select()
    .from(orders)
    .where(eq(orders.id, orderId))
    .then((rows) => rows[0]);
}

/** `POST /api/payments/create-order` for the order's buyer; answers the PayPal order id. */
export async function startCheckout(t: PaymentsTest, order: { id: string; cookie: string }): Promise<string> {
  const res = await request(t.url)
    .post("/api/payments/create-order")
    .set("Cookie", order.cookie)
    .send({ orderId: order.id })
    .expect(201);
  return res.body.id;
}

/** The buyer approves at PayPal (the emulator's test hook). */
export async function approve(t: PaymentsTest, paypalOrderId: string): Promise<void> {
  await request(t.resources.paypal.url).post(`/v2/checkout/orders/${paypalOrderId}/approve`).expect(200);
}

export const capture = (t: PaymentsTest, paypalOrderId: string, cookie: string) =>
  request(t.url).post(`/api/payments/${paypalOrderId}/capture`).set("Cookie", cookie);

export async function listPayments(t: PaymentsTest, cookie: string, orderId?: string) {
  const res = await request(t.url)
    .get("/api/payments")
    .query(orderId ? { orderId } : {})
    .set("Cookie", cookie)
    .expect(200);
  return res.body.payments as Array<Record<string, unknown>>;
}

/** Reads PayPal's side through its REST API, as the merchant could. */
export async function paypalGet<T = { status: string }>(t: PaymentsTest, path: string): Promise<T> {
  const paypal = request(t.resources.paypal.url);
  const token = await paypal
    .post("/v1/oauth2/token")
    .auth(EMULATOR_CREDENTIALS.clientId, EMULATOR_CREDENTIALS.clientSecret)
    .type("form")
    .send({ grant_type: "client_credentials" })
    .expect(200);
  const res = await paypal.get(path).auth(token.body.access_token, { type: "bearer" }).expect(200);
  return res.body;
}

export async function fault(t: PaymentsTest, spec: Record<string, unknown>): Promise<void> {
  await request(t.resources.paypal.url).post("/emulator/faults").send(spec).expect(201);
}

export async function paypalRequests(t: PaymentsTest): Promise<{
  requests: Array<{ method: string; path: string; requestId?: string }>;
  held: number;
}> {
  return (await request(t.resources.paypal.url).get("/emulator/requests").expect(200)).body;
}

type PaymentEvent = "payment.created" | "payment.refunded";

/** The `type` events payments published for the order, once every committed event is on the stream. */
export async function eventsFor<T extends PaymentEvent>(t: PaymentsTest, type: T, orderId: string) {
  return (await t.published(type)).filter((e) => e.data.orderId === orderId);
}

/** Waits until payments has published `count` events of `type` for the order, and returns them. */
export async function awaitEvents<T extends PaymentEvent>(t: PaymentsTest, type: T, orderId: string, count = 1) {
  return (await t.observe(type)).waitFor((e) => e.data.orderId === orderId, count);
}
