import { randomUUID } from "node:crypto";
import { createEvent, type EventData, type EventEnvelope, type EventType } from "@m-ticketing/common";
import { eventually, startTest, TcpProxy } from "@m-ticketing/common/testing";
import { type CaughtMessage, type MailCatcher, startMailCatcher } from "@m-ticketing/mail-catcher";
import { notificationsModule } from "../src/app";

export const PUBLIC_URL = "https://tickets.example.test";

/**
 * The notifications service in-process on its own database and stream, sending to a real SMTP
 * mail catcher through a TCP proxy the test can cut (SMTP down).
 */
export async function startNotifications(env: Record<string, string> = {}) {
  const catcher = await startMailCatcher({ rejectRecipients: /^bounce[+@]/ });
  const smtp = new TcpProxy("127.0.0.1", catcher.smtpPort);
  await smtp.start();
  const running = await startTest({
    services: [notificationsModule],
    options: { consumer: { ackWaitMs: 2000 } },
    env: {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: "Ticketing <no-reply@tickets.example.test>",
      PUBLIC_URL,
      MAIL_POLL_MS: "50",
      MAIL_RETRY_BASE_MS: "100",
      MAIL_RETRY_MAX_MS: "400",
      ...env,
    },
  });
  const query = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await running.service.context.database.pool.query(text, params)).rows as T[];
  return {
    url: running.url,
    service: running.service,
    consumerIdle: (service: string, type: EventType) => running.consumerIdle(service, type),
    catcher,
    smtp,
    query,
    /** Publishes an event past JetStream's de-duplication, as a redelivery reaches the consumer. */
    async publish<T extends EventType>(event: EventEnvelope<T>): Promise<void> {
      await running.publish(event, { duplicate: true });
    },
    stop: async () => {
      await running.stop();
      await smtp.stop();
      await catcher.stop();
    },
  };
}

export type Notifications = Awaited<ReturnType<typeof startNotifications>>;

/** The catcher's inbox for one address, through its HTTP API. */
export async function inbox(catcher: MailCatcher, to: string): Promise<CaughtMessage[]> {
  const res = await fetch(`${catcher.url}/api/messages?to=${encodeURIComponent(to)}`);
  return (await res.json()) as CaughtMessage[];
}

/** Waits until `to` has received `count` mails and returns them. */
export function mailsTo(catcher: MailCatcher, to: string, count = 1) {
  return eventually(async () => {
    const found = await inbox(catcher, to);
    return found.length >= count ? found : undefined;
  });
}

/** Waits until the queue has nothing left to do (every mail sent, bounced or suppressed). */
export function queueSettled(n: Notifications) {
  return eventually(async () => {
    const [row] = await n.query<{ pending: number }>(
      "select count(*)::int as pending from mails where status = 'pending'",
    );
    return row!.pending === 0;
  });
}

/** Waits until every message of `type` was handled and acknowledged by the service. */
export const consumerIdle = (n: Notifications, type: EventType) => n.consumerIdle("notifications", type);

/** The first link in a mail's text part that starts with `prefix`. */
export function linkIn(mail: CaughtMessage, prefix: string): URL {
  const match = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\s]*`));
  if (!match) throw new Error(`no link to ${prefix} in:\n${mail.text}`);
  return new URL(match[0]);
}

let counter = 0;
export function newUser(overrides: Partial<EventData<"user.created">["user"]> = {}) {
  counter++;
  return {
    id: randomUUID(),
    email: `user${counter}-${randomUUID().slice(0, 8)}@example.test`,
    name: `User ${counter}`,
    emailVerified: true,
    ...overrides,
  };
}

export type User = ReturnType<typeof newUser>;

export const userCreated = (user: User) => createEvent("user.created", { user });

export function ticketCreated(seller: User, overrides: Partial<EventData<"ticket.created">> = {}) {
  return createEvent("ticket.created", {
    id: randomUUID(),
    title: "Radiohead at the Forum",
    price: 2050,
    currency: "USD",
    userId: seller.id,
    status: "available",
    orderId: null,
    version: 0,
    eventId: randomUUID(),
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    ...overrides,
  });
}

export function orderCreated(buyer: User, ticket: EventData<"ticket.created">, expiresInMs = 15 * 60_000) {
  return createEvent("order.created", {
    id: randomUUID(),
    userId: buyer.id,
    status: "created",
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    version: 0,
    ticket: { id: ticket.id, price: ticket.price, currency: ticket.currency },
  });
}

export const orderCompleted = (order: EventData<"order.created">) =>
  createEvent("order.completed", { id: order.id, version: 1, ticket: { id: order.ticket.id } });

export const orderCancelled = (order: EventData<"order.created">, reason?: EventData<"order.cancelled">["reason"]) =>
  createEvent("order.cancelled", {
    id: order.id,
    version: 1,
    ticket: { id: order.ticket.id },
    ...(reason ? { reason } : {}),
  });

/** A seller, a buyer, a listed ticket and an order for it, all known to the service. */
export async function placedOrder(n: Notifications, expiresInMs?: number, buyer = newUser({ name: "Bea Buyer" })) {
  const seller = newUser({ name: "Sam Seller" });
  await n.publish(userCreated(seller));
  await n.publish(userCreated(buyer));
  const ticket = ticketCreated(seller);
  await n.publish(ticket);
  const order = orderCreated(buyer, ticket.data, expiresInMs);
  await n.publish(order);
  for (const type of ["user.created", "ticket.created", "order.created"] as const) await consumerIdle(n, type);
  return { seller, buyer, ticket: ticket.data, order: order.data };
}
