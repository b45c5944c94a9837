import { randomUUID } from "node:crypto";
import { createEvent, type EventData, outbox, type ServiceOptions } from "@m-ticketing/common";
import { attachTicketFile, eventually, sessionCookie, startTest, type TestStack } from "@m-ticketing/common/testing";
import request from "supertest";
import { type createTicketsService, ticketsModule } from "../src/app";
import type { TicketsConfig } from "../src/config";
import type { toEventResponse } from "../src/domain/event-view";

/** A running tickets service on its own database and stream, and ways to talk to it. */
export type Harness = TestStack<TicketsConfig, ReturnType<typeof createTicketsService>>;

export function startTickets(env: Record<string, string> = {}, options: ServiceOptions = {}): Promise<Harness> {
  return startTest({ services: [ticketsModule], env, options });
}

export const newUser = () => ({ id: randomUUID() });
export const cookieOf = (user: { id: string }) => sessionCookie(user);

const inAYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

/** A valid `POST /api/events` body; override any field. */
export function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    name: "Radiohead at the Forum",
    venue: "The Forum",
    city: "London",
    country: "GB",
    startsAt: inAYear(),
    timeZone: "Europe/London",
    ...overrides,
  };
}

/**
 * A valid listing body for an event described inline (found or created); override any
 * field. `title`, `venue` and `eventDate` override the event's name, venue and start. The
 * face value is high enough that the price cap never applies unless a test sets it.
 */
export function ticketBody(overrides: Record<string, unknown> = {}) {
  const { title, venue, eventDate, ...rest } = overrides;
  const event = eventBody({
    ...("title" in overrides && { name: title }),
    ...("venue" in overrides && { venue }),
    ...("eventDate" in overrides && { startsAt: eventDate }),
  });
  return { event, price: "20.50", faceValue: "1000000", description: "Row 12, seat 4", ...rest };
}

/** Creates (or finds) an event through the API and returns it. */
export async function addEvent(h: Harness, user: { id: string }, overrides: Record<string, unknown> = {}) {
  const res = await request(h.url).post("/api/events").set("Cookie", cookieOf(user)).send(eventBody(overrides));
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`event failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.event as EventJson;
}

export type EventJson = ReturnType<typeof toEventResponse>;

/** Puts the event's start (and its listings' copy of it) in the past, as time passing would. */
export async function startEvent(h: Harness, eventId: string): Promise<void> {
  const { pool } = h.service.context.database;
  await pool.query("update events set starts_at = now() - interval '1 minute' where id = $1", [eventId]);
  await pool.query("update tickets set event_date = now() - interval '1 minute' where event_id = $1", [eventId]);
}

export interface TicketJson {
  id: string;
  eventId: string | null;
  title: string;
  price: string;
  faceValue: string | null;
  section: string | null;
  row: string | null;
  seat: string | null;
  currency: string;
  fees: { price: string; buyerFee: string; total: string; sellerFee: string; sellerReceives: string };
  description: string | null;
  eventDate: string;
  venue: string;
  userId: string;
  status: string;
  listed: boolean;
  version: number;
  createdAt: string;
}

/**
 * Lists a ticket through the API as `seller` and attaches its ticket file, so buyers see it
 * and orders learns of it; `{ attach: false }` leaves it the seller's draft. Returns it.
 */
export async function listTicket(
  h: Harness,
  seller: { id: string },
  overrides: Record<string, unknown> = {},
  { attach = true } = {},
) {
  const res = await request(h.url).post("/api/tickets").set("Cookie", cookieOf(seller)).send(ticketBody(overrides));
  if (res.status !== 201) throw new Error(`listing failed: ${res.status} ${JSON.stringify(res.body)}`);
  const ticket = res.body.ticket as TicketJson;
  if (!attach) return ticket;
  await attachTicketFile(h.url, cookieOf(seller), ticket.id);
  return { ...ticket, listed: true };
}

/**
 * The ticket as the API shows it, plus the order holding it read from the database (the
 * API never shows it: it is the buyer's).
 */
export async function getTicket(h: Harness, id: string): Promise<TicketJson & { orderId: string | null }> {
  const res = await request(h.url).get(`/api/tickets/${id}`).expect(200);
  const { rows } = await h.service.context.database.pool.query("select order_id from tickets where id = $1", [id]);
  return { ...res.body.ticket, orderId: rows[0]?.order_id ?? null };
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

/** How many events the service has committed to publish (its outbox): to show a refused request wrote none. */
export async function eventsWritten(h: Harness): Promise<number> {
  return h.service.context.database.db.$count(outbox);
}

/** Waits until the ticket reaches `version` (events are applied asynchronously). */
export async function ticketAtVersion(h: Harness, id: string, version: number): Promise<TicketJson> {
  return eventually(async () => {
    const ticket = await getTicket(h, id);
    return ticket.version >= version ? ticket : undefined;
  });
}

/** Waits until the ticket has `status` (and, when given, is held by `orderId`). */
export async function ticketWithStatus(
  h: Harness,
  id: string,
  status: string,
  orderId?: string,
): Promise<TicketJson & { orderId: string | null }> {
  return eventually(async () => {
    const ticket = await getTicket(h, id);
    return ticket.status === status && (orderId === undefined || ticket.orderId === orderId) ? ticket : undefined;
  });
}

/** Reserves then sells a ticket, as orders would for a paid order (waiting for each step). */
export async function sellThroughEvents(h: Harness, ticketId: string, orderId = randomUUID()): Promise<string> {
  await h.publish(orderCreated(ticketId, orderId));
  await ticketWithStatus(h, ticketId, "reserved", orderId);
  await h.publish(orderCompleted(ticketId, orderId));
  await ticketWithStatus(h, ticketId, "sold", orderId);
  return orderId;
}
