import { randomUUID } from "node:crypto";
import { createEvent, type EventData, type EventEnvelope, type EventType, outbox } from "@m-ticketing/common";
import { eventually, sessionCookie, startTestService, type TestDatabase } from "@m-ticketing/common/testing";
import { asc } from "drizzle-orm";
import request from "supertest";
import { createTicketsService, type ServiceOptions } from "../src/app";
import { loadConfig, type TicketsConfig } from "../src/config";
import { migrationsFolder } from "../src/db";

export type TicketsService = ReturnType<typeof createTicketsService>;

/** A running tickets service on its own database and stream, and ways to talk to it. */
export interface Harness {
  service: TicketsService;
  url: string;
  config: TicketsConfig;
  db: TestDatabase;
  stop(): Promise<void>;
}

export async function startTickets(env: Record<string, string> = {}, options: ServiceOptions = {}): Promise<Harness> {
  return startTestService({
    name: "tickets",
    migrationsFolder,
    loadConfig,
    create: (c) => createTicketsService(c, options),
    env,
  });
}

export const newUser = () => ({ id: randomUUID() });
export const cookieOf = (user: { id: string }) => sessionCookie(user);

const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

/** A valid create/edit body; override any field. */
export function ticketBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "Radiohead at the Forum",
    price: "20.50",
    description: "Row 12, seat 4",
    eventDate: inAYear(),
    venue: "The Forum",
    ...overrides,
  };
}

export interface TicketJson {
  id: string;
  title: string;
  price: string;
  currency: string;
  description: string | null;
  eventDate: string;
  venue: string;
  userId: string;
  status: string;
  orderId: string | null;
  version: number;
  createdAt: string;
}

/** Lists a ticket through the API as `seller` and returns it. */
export async function listTicket(h: Harness, seller: { id: string }, overrides: Record<string, unknown> = {}) {
  const res = await request(h.url).post("/api/tickets").set("Cookie", cookieOf(seller)).send(ticketBody(overrides));
  if (res.status !== 201) throw new Error(`listing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ticket as TicketJson;
}

export async function getTicket(h: Harness, id: string): Promise<TicketJson> {
  const res = await request(h.url).get(`/api/tickets/${id}`).expect(200);
  return res.body.ticket;
}

/** Publishes an event to the service's stream as the orders service would (a fresh msg id each time). */
export async function publish<T extends EventType>(h: Harness, event: EventEnvelope<T>): Promise<void> {
  const { js, subjectPrefix } = h.service.context.messaging;
  await js.publish(`${subjectPrefix}${event.type}`, JSON.stringify(event), { msgID: randomUUID() });
}

export const orderEvent = <T extends "order.created" | "order.cancelled" | "order.completed">(
  type: T,
  data: EventData<T>,
) => createEvent(type, data);

/** `order.created` for `ticketId`, as orders publishes it. */
export function orderCreated(ticketId: string, orderId = randomUUID(), occurredAt?: Date) {
  const event = createEvent("order.created", {
    id: orderId,
    userId: randomUUID(),
    status: "created",
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
    version: 0,
    ticket: { id: ticketId, price: 2050, currency: "USD" },
  });
  return occurredAt ? { ...event, occurredAt: occurredAt.toISOString() } : event;
}

export const orderCancelled = (ticketId: string, orderId: string) =>
  createEvent("order.cancelled", { id: orderId, version: 1, ticket: { id: ticketId } });

export const orderCompleted = (ticketId: string, orderId: string) =>
  createEvent("order.completed", { id: orderId, version: 1, ticket: { id: ticketId } });

/** Events the service wrote to its outbox, oldest first. */
export async function publishedEvents(h: Harness, type?: EventType): Promise<EventEnvelope[]> {
  const rows = await h.service.context.database.db.select().from(outbox).orderBy(asc(outbox.seq));
  const events = rows.map((r) => r.payload as EventEnvelope);
  return type ? events.filter((e) => e.type === type) : events;
}

/** Waits until the ticket reaches `version` (events are applied asynchronously). */
export async function ticketAtVersion(h: Harness, id: string, version: number): Promise<TicketJson> {
  return eventually(async () => {
    const ticket = await getTicket(h, id);
    return ticket.version >= version ? ticket : undefined;
  });
}

/** Waits until every message on `type`'s consumer was handled and acknowledged. */
export async function consumerIdle(h: Harness, type: EventType): Promise<void> {
  const { jsm, stream } = h.service.context.messaging;
  await eventually(async () => {
    const info = await jsm.consumers.info(stream, `tickets-${type.replace(/[.]/g, "_")}`);
    return info.num_pending === 0 && info.num_ack_pending === 0;
  });
}

/** Waits until the ticket has `status` (and, when given, is held by `orderId`). */
export async function ticketWithStatus(h: Harness, id: string, status: string, orderId?: string): Promise<TicketJson> {
  return eventually(async () => {
    const ticket = await getTicket(h, id);
    return ticket.status === status && (orderId === undefined || ticket.orderId === orderId) ? ticket : undefined;
  });
}

/** Reserves then sells a ticket, as orders would for a paid order (waiting for each step). */
export async function sellThroughEvents(h: Harness, ticketId: string, orderId = randomUUID()): Promise<string> {
  await publish(h, orderCreated(ticketId, orderId));
  await ticketWithStatus(h, ticketId, "reserved", orderId);
  await publish(h, orderCompleted(ticketId, orderId));
  await ticketWithStatus(h, ticketId, "sold", orderId);
  return orderId;
}
