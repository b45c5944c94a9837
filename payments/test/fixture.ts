import { randomUUID } from "node:crypto";
import {
  connectMessaging,
  createEvent,
  createLogger,
  EventConsumer,
  type EventData,
  type EventEnvelope,
  type EventType,
  listenIdempotent,
  type Messaging,
  natsConnection,
} from "@m-ticketing/common";
import {
  createTestDatabase,
  deleteStream,
  eventually,
  sessionCookie,
  type TestDatabase,
  testEnv,
} from "@m-ticketing/common/testing";
import { type RunningEmulator, startEmulator } from "@m-ticketing/paypal-emulator";
import { eq } from "drizzle-orm";
import request from "supertest";
import { createPaymentsService } from "../src/app";
import { loadConfig, type PaymentsConfig } from "../src/config";
import { migrationsFolder } from "../src/db";
import { orders } from "../src/db/schema";

export const PAYPAL_CREDENTIALS = {
  PAYPAL_CLIENT_ID: "emulator-client-id",
  PAYPAL_CLIENT_SECRET: "emulator-client-secret",
};

/**
 * The payments service as it runs: its own database and stream, real NATS and
 * PostgreSQL, and the PayPal emulator over HTTP. Events other services would publish
 * are published by the test; the events payments publishes are collected from NATS.
 */
export class PaymentsFixture {
  db!: TestDatabase;
  paypal!: RunningEmulator;
  config!: PaymentsConfig;
  service!: ReturnType<typeof createPaymentsService>;
  url!: string;
  messaging!: Messaging;
  readonly published: EventEnvelope[] = [];
  private observers: EventConsumer[] = [];
  private paypalToken?: string;

  async start(extra: Record<string, string> = {}): Promise<this> {
    this.db = await createTestDatabase("payments", migrationsFolder);
    this.paypal = await startEmulator();
    this.config = loadConfig(
      testEnv(this.db.url, {
        ...PAYPAL_CREDENTIALS,
        PAYPAL_API_BASE: this.paypal.url,
        PAYPAL_TIMEOUT_MS: "5000",
        JANITOR_INTERVAL_MS: "100",
        CAPTURE_IN_DOUBT_AFTER_MS: "300",
        ...extra,
      }),
    );
    this.service = createPaymentsService(this.config);
    ({ url: this.url } = await this.service.start(0));
    this.messaging = await connectMessaging({
      ...natsConnection(this.config),
      stream: this.config.NATS_STREAM,
      subjectPrefix: this.config.NATS_SUBJECT_PREFIX,
      name: "payments-test",
    });
    for (const type of ["payment.created", "payment.refunded"] as const) {
      const observer = new EventConsumer(
        listenIdempotent(type, async (event) => {
          this.published.push(event);
        }),
        {
          messaging: this.messaging,
          service: "test-observer",
          logger: createLogger("observer", "silent"),
          maxDeliveries: 5,
        },
      );
      await observer.start();
      this.observers.push(observer);
    }
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all(this.observers.map((o) => o.stop()));
    await this.messaging?.close();
    await this.service?.stop();
    await this.paypal?.close();
    await deleteStream(this.config.NATS_STREAM);
    await this.db?.drop();
  }

  /** Publishes an event as its owner would (through JetStream, with its id as message id). */
  async publish<T extends EventType>(type: T, data: EventData<T>): Promise<EventEnvelope<T>> {
    const event = createEvent(type, data);
    await this.messaging.js.publish(`${this.config.NATS_SUBJECT_PREFIX}${type}`, JSON.stringify(event), {
      msgID: event.id,
    });
    return event;
  }

  /** An order the orders service created (published as `order.created`), once payments has it. */
  async createOrder(options: { userId?: string; price?: number; currency?: string; expiresInMs?: number } = {}) {
    const data = {
      id: randomUUID(),
      userId: options.userId ?? randomUUID(),
      status: "created" as const,
      expiresAt: new Date(Date.now() + (options.expiresInMs ?? 15 * 60_000)).toISOString(),
      version: 0,
      ticket: { id: randomUUID(), price: options.price ?? 2050, currency: options.currency ?? "USD" },
    };
    await this.publish("order.created", data);
    await eventually(async () => (await this.replica(data.id))?.userId === data.userId);
    return { ...data, cookie: sessionCookie({ id: data.userId }) };
  }

  async cancelOrder(order: { id: string; ticket: { id: string } }, version = 1): Promise<void> {
    await this.publish("order.cancelled", { id: order.id, version, ticket: { id: order.ticket.id } });
    await eventually(async () => (await this.replica(order.id))?.status === "cancelled");
  }

  replica(orderId: string) {
    return this.service.context.database.db
      .select()
      .from(orders)
      .where(eq(orders.id, orderId))
      .then((rows) => rows[0]);
  }

  /** `POST /api/payments/create-order` for the order's buyer; answers the PayPal order id. */
  async startCheckout(order: { id: string; cookie: string }): Promise<string> {
    const res = await request(this.url)
      .post("/api/payments/create-order")
      .set("Cookie", order.cookie)
      .send({ orderId: order.id })
      .expect(201);
    return res.body.id;
  }

  /** The buyer approves at PayPal (the emulator's test hook). */
  async approve(paypalOrderId: string): Promise<void> {
    await request(this.paypal.url).post(`/v2/checkout/orders/${paypalOrderId}/approve`).expect(200);
  }

  capture(paypalOrderId: string, cookie: string) {
    return request(this.url).post(`/api/payments/${paypalOrderId}/capture`).set("Cookie", cookie);
  }

  async listPayments(cookie: string, orderId?: string) {
    const res = await request(this.url)
      .get("/api/payments")
      .query(orderId ? { orderId } : {})
      .set("Cookie", cookie)
      .expect(200);
    return res.body.payments as Array<Record<string, unknown>>;
  }

  /** Reads PayPal's side through its REST API, as the merchant could. */
  async paypalGet<T = { status: string }>(path: string): Promise<T> {
    if (!this.paypalToken) {
      const res = await request(this.paypal.url)
        .post("/v1/oauth2/token")
        .auth(PAYPAL_CREDENTIALS.PAYPAL_CLIENT_ID, PAYPAL_CREDENTIALS.PAYPAL_CLIENT_SECRET)
        .type("form")
        .send({ grant_type: "client_credentials" })
        .expect(200);
      this.paypalToken = res.body.access_token as string;
    }
    const res = await request(this.paypal.url).get(path).auth(this.paypalToken, { type: "bearer" }).expect(200);
    return res.body;
  }

  async fault(spec: Record<string, unknown>): Promise<void> {
    await request(this.paypal.url).post("/emulator/faults").send(spec).expect(201);
  }

  async paypalRequests(): Promise<{
    requests: Array<{ method: string; path: string; requestId?: string }>;
    held: number;
  }> {
    return (await request(this.paypal.url).get("/emulator/requests").expect(200)).body;
  }

  eventsFor<T extends "payment.created" | "payment.refunded">(type: T, orderId: string): EventEnvelope<T>[] {
    return this.published.filter(
      (e): e is EventEnvelope<T> => e.type === type && (e.data as { orderId: string }).orderId === orderId,
    );
  }

  /** Waits until payments has published `count` events of `type` for the order, and returns them. */
  awaitEvents<T extends "payment.created" | "payment.refunded">(type: T, orderId: string, count = 1) {
    return eventually(async () => {
      const events = this.eventsFor(type, orderId);
      return events.length >= count ? events : null;
    });
  }
}
