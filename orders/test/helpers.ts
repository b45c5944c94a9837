import { randomUUID } from "node:crypto";
import { createEvent, type EventEnvelope, type EventType, outbox } from "@m-ticketing/common";
import { eventually, sessionCookie, startTestService, type TestDatabase } from "@m-ticketing/common/testing";
import { asc, eq } from "drizzle-orm";
import request from "supertest";
import { createOrdersService, type ServiceOptions } from "../src/app";
import { loadConfig, type OrdersConfig } from "../src/config";
import { migrationsFolder } from "../src/db";
import { orders, tickets } from "../src/db/schema";

export type OrdersService = ReturnType<typeof createOrdersService>;

export interface Harness {
  service: OrdersService;
  url: string;
  config: OrdersConfig;
  db: TestDatabase;
  stop(): Promise<void>;
}

export const fastRetries = { REPLICA_RETRY_DELAY_MS: "50" };

/** A running orders service on its own database and stream. */
export async function startOrders(env: Record<string, string> = {}, options: ServiceOptions = {}): Promise<Harness> {
  return startTestService({
    name: "orders",
    migrationsFolder,
    loadConfig,
    create: (c) => createOrdersService(c, options),
    env: { ...fastRetries, ...env },
  });
}

export const newUser = () => ({ id: randomUUID() });
export const cookieOf = (user: { id: string }) => sessionCookie(user);

/** Publishes an envelope as another service would; a fresh msg id each time, so a repeat is a redelivery. */
export async function publish(h: Harness, event: EventEnvelope): Promise<void> {
  const { js, subjectPrefix } = h.service.context.messaging;
  await js.publish(`${subjectPrefix}${event.type}`, JSON.stringify(event), { msgID: randomUUID() });
}

export interface TicketFields {
  id: string;
  title: string;
  price: number;
  currency: string;
  userId: string;
  version: number;
}

export function ticketData(overrides: Partial<TicketFields> = {}) {
  return {
    id: randomUUID(),
    title: "Radiohead at the Forum",
    price: 2050,
    currency: "USD",
    userId: randomUUID(),
    status: "available" as const,
    orderId: null,
    version: 0,
    ...overrides,
  };
}

export const ticketCreated = (data = ticketData()) => createEvent("ticket.created", data);
export const ticketUpdated = (data: ReturnType<typeof ticketData>) => createEvent("ticket.updated", data);

export async function replicaOf(h: Harness, id: string) {
  const [row] = await h.service.context.database.db.select().from(tickets).where(eq(tickets.id, id));
  return row;
}

/** Publishes `ticket.created` and waits until the replica has it; returns the ticket data. */
export async function seedTicket(h: Harness, overrides: Partial<TicketFields> = {}) {
  const data = ticketData(overrides);
  await publish(h, ticketCreated(data));
  await eventually(() => replicaOf(h, data.id));
  return data;
}

export function placeOrder(h: Harness, buyer: { id: string }, ticketId: string) {
  return request(h.url).post("/api/orders").set("Cookie", cookieOf(buyer)).send({ ticketId });
}

/** Events this service wrote to its outbox, oldest first. */
export async function publishedEvents(h: Harness, type?: EventType): Promise<EventEnvelope[]> {
  const rows = await h.service.context.database.db.select().from(outbox).orderBy(asc(outbox.seq));
  const events = rows.map((r) => r.payload as EventEnvelope);
  return type ? events.filter((e) => e.type === type) : events;
}

export async function orderRow(h: Harness, id: string) {
  const [row] = await h.service.context.database.db.select().from(orders).where(eq(orders.id, id));
  return row;
}

export async function consumerInfo(h: Harness, type: EventType) {
  const { jsm, stream } = h.service.context.messaging;
  return jsm.consumers.info(stream, `orders-${type.replace(/[.]/g, "_")}`);
}

/** Waits until every message of `type` was handled and acknowledged by this service's consumer. */
export async function consumerIdle(h: Harness, type: EventType): Promise<void> {
  const { jsm, stream } = h.service.context.messaging;
  await eventually(async () => {
    const info = await jsm.consumers.info(stream, `orders-${type.replace(/[.]/g, "_")}`);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
}

export const paymentCreated = (orderId: string, amount = 2050) =>
  createEvent("payment.created", {
    id: randomUUID(),
    orderId,
    paypalOrderId: `PAYPAL-${orderId.slice(0, 8)}`,
    captureId: `CAPTURE-${orderId.slice(0, 8)}`,
    amount,
    currency: "USD",
  });

export const expirationComplete = (orderId: string) => createEvent("expiration.complete", { orderId });

/** Waits until the order has `status` in the database. */
export async function orderWithStatus(h: Harness, id: string, status: string) {
  return eventually(async () => {
    const row = await orderRow(h, id);
    return row?.status === status ? row : undefined;
  });
}
