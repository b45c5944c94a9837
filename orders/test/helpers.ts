import { randomUUID } from "node:crypto";
import { createEvent, type EventData, outbox, type ServiceOptions } from "@m-ticketing/common";
import { eventually, sessionCookie, startTest, type TestStack } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import request from "supertest";
import { type createOrdersService, ordersModule } from "../src/app";
import type { OrdersConfig } from "../src/config";
import { orders, tickets } from "../src/db/schema";

export type Harness = TestStack<OrdersConfig, ReturnType<typeof createOrdersService>>;

/** A running orders service on its own database and stream (common's `startTest`). */
export function startOrders(env: Record<string, string> = {}, options: ServiceOptions = {}): Promise<Harness> {
  return startTest({ services: [ordersModule], env, options });
}

export const newUser = () => ({ id: randomUUID() });
export const cookieOf = (user: { id: string }) => sessionCookie(user);

export interface TicketFields {
  id: string;
  title: string;
  price: number;
  currency: string;
  userId: string;
  version: number;
  eventId?: string | null;
  startsAt?: string;
}

export function ticketData(overrides: Partial<TicketFields> = {}) {
  return {
    id: randomUUID(),
    title: "Radiohead at the Forum",
    price: 2050,
    currency: "USD",
    userId: randomUUID(),
    status: "available" as EventData<"ticket.created">["status"],
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
  await h.publish(ticketCreated(data));
  await eventually(() => replicaOf(h, data.id));
  return data;
}

export function placeOrder(h: Harness, buyer: { id: string }, ticketId: string) {
  return request(h.url).post("/api/orders").set("Cookie", cookieOf(buyer)).send({ ticketId });
}

/** How many events the service has committed to publish (its outbox): to show a refused request wrote none. */
export async function eventsWritten(h: Harness): Promise<number> {
  return h.service.context.database.db.$count(outbox);
}

export async function orderRow(h: Harness, id: string) {
  const [row] = await h.service.context.database.db.select().from(orders).where(eq(orders.id, id));
  return row;
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
