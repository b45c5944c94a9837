// Following a purchase: the buyer's client sends one W3C trace id (`traceparent`) with the
// requests of the purchase (who am I, place the order, pay); the services use it as the
// correlation id, carry it in every event the purchase causes, and every consumer logs it.
// One correlation id then finds the purchase in the logs of all five services. The
// purchase is also counted: three events, no echo from tickets. A client that sends no
// `traceparent` still gets one correlation id per purchase: payments files its events
// under the order's.
import { randomBytes, randomUUID } from "node:crypto";
import type { EventEnvelope } from "@m-ticketing/common";
import { attachTicketFile, captureLogs, eventually, sessionCookie, startTest } from "@m-ticketing/common/testing";
import { paypalEmulator } from "@m-ticketing/paypal-emulator";
import request from "supertest";
import { authModule } from "../auth/src/app";
import { expirationModule } from "../expiration/src/app";
import { ordersModule } from "../orders/src/app";
import { paymentsModule } from "../payments/src/app";
import { ticketsModule } from "../tickets/src/app";

const modules = {
  auth: authModule,
  tickets: ticketsModule,
  orders: ordersModule,
  payments: paymentsModule,
  expiration: expirationModule,
};
type Name = keyof typeof modules;
const startServices = () => startTest({ services: [], resources: { paypal: paypalEmulator } });
let t: Awaited<ReturnType<typeof startServices>>;
/** Each service's URL and the lines it logged. */
const m = {} as Record<Name, { url: string; logs: Array<Record<string, unknown>> }> & { paypal: { url: string } };

beforeAll(async () => {
  t = await startServices();
  for (const [name, module] of Object.entries(modules) as Array<[Name, (typeof modules)[Name]]>) {
    const { logger, lines } = captureLogs();
    const { url } = await t.start(module, { options: { logger } });
    m[name] = { url, logs: lines };
  }
  m.paypal = t.resources.paypal;
});
afterAll(() => t?.stop());

/** The events of the purchase's types on the stream (read from JetStream), in stream order per type. */
async function streamEvents(): Promise<EventEnvelope[]> {
  const types = ["ticket.created", "ticket.updated", "order.created", "payment.created", "order.completed"] as const;
  const all = await Promise.all(types.map((type) => t.published(type)));
  return all.flat() as EventEnvelope[];
}

const traceId = randomBytes(16).toString("hex");
const traceparent = `00-${traceId}-${randomBytes(8).toString("hex")}-01`;
const buyer = { id: randomUUID() };
const cookie = sessionCookie(buyer);

test("one correlation id follows a paid purchase through auth, tickets, orders, payments and expiration", async () => {
  const seller = sessionCookie({ id: randomUUID() });
  const listed = await request(m.tickets.url)
    .post("/api/tickets")
    .set("Cookie", seller)
    .send({ title: "Pixies", price: "30", eventDate: new Date(Date.now() + 864e7).toISOString(), venue: "Olympia" })
    .expect(201);
  const ticketId: string = listed.body.ticket.id;
  await attachTicketFile(m.tickets.url, seller, ticketId);

  // The purchase, as the buyer's client makes it, every request with the same traceparent.
  await request(m.auth.url).get("/api/users/currentuser").set("Cookie", cookie).set("traceparent", traceparent);
  const order = await eventually(async () => {
    const res = await request(m.orders.url)
      .post("/api/orders")
      .set("Cookie", cookie)
      .set("traceparent", traceparent)
      .send({ ticketId });
    return res.status === 201 ? res.body.order : undefined;
  });
  const paypalOrderId = await eventually(async () => {
    const res = await request(m.payments.url)
      .post("/api/payments/create-order")
      .set("Cookie", cookie)
      .set("traceparent", traceparent)
      .send({ orderId: order.id });
    return res.status === 201 ? (res.body.id as string) : undefined;
  });
  await request(m.paypal.url).post(`/v2/checkout/orders/${paypalOrderId}/approve`).expect(200);
  await request(m.payments.url)
    .post(`/api/payments/${paypalOrderId}/capture`)
    .set("Cookie", cookie)
    .set("traceparent", traceparent)
    .send({})
    .expect(201);

  // The events of the purchase carry the correlation id; each names its cause.
  const purchase = await eventually(async () => {
    const events = (await streamEvents()).filter((e) => e.correlationId === traceId);
    return events.some((e) => e.type === "order.completed") ? events : undefined;
  });
  expect(purchase.map((e) => e.type)).toEqual(["order.created", "payment.created", "order.completed"]);
  const [created, paid, completed] = purchase as [EventEnvelope, EventEnvelope, EventEnvelope];
  expect(completed.causationId).toBe(paid.id);
  expect(created.causationId).not.toBe(paid.causationId); // two requests of one purchase
  // No echo: tickets announced the listing, and nothing about the reservation or the sale.
  await eventually(async () => {
    const res = await request(m.tickets.url).get(`/api/tickets/${ticketId}`);
    return res.body.ticket.status === "sold";
  });
  expect((await streamEvents()).map((e) => e.type)).toEqual([
    "ticket.created",
    "order.created",
    "payment.created",
    "order.completed",
  ]);

  // One grep: every service logged the purchase's correlation id.
  const mentions = (lines: Array<Record<string, unknown>>) => lines.filter((l) => l.correlationId === traceId);
  await eventually(async () => mentions(m.expiration.logs).some((l) => l.type === "order.completed"));
  expect(mentions(m.auth.logs).map((l) => l.msg)).toContain("request completed");
  for (const service of ["tickets", "payments", "expiration"] as const) {
    const handled = mentions(m[service].logs).filter((l) => l.msg === "event handled");
    expect(handled.map((l) => l.type)).toEqual(expect.arrayContaining(["order.created", "order.completed"]));
  }
  expect(mentions(m.orders.logs).map((l) => l.type ?? l.msg)).toEqual(
    expect.arrayContaining(["request completed", "payment.created"]),
  );
});

test("without a traceparent, the payment joins the order's correlation id (one purchase, one id)", async () => {
  const seller = sessionCookie({ id: randomUUID() });
  const listed = await request(m.tickets.url)
    .post("/api/tickets")
    .set("Cookie", seller)
    .send({
      title: "Slowdive",
      price: "25",
      eventDate: new Date(Date.now() + 864e7).toISOString(),
      venue: "Roundhouse",
    })
    .expect(201);
  await attachTicketFile(m.tickets.url, seller, listed.body.ticket.id);
  const buyerCookie = sessionCookie({ id: randomUUID() });
  const order = await eventually(async () => {
    const res = await request(m.orders.url)
      .post("/api/orders")
      .set("Cookie", buyerCookie)
      .send({ ticketId: listed.body.ticket.id });
    return res.status === 201 ? res.body.order : undefined;
  });
  const paypalOrderId = await eventually(async () => {
    const res = await request(m.payments.url)
      .post("/api/payments/create-order")
      .set("Cookie", buyerCookie)
      .send({ orderId: order.id });
    return res.status === 201 ? (res.body.id as string) : undefined;
  });
  await request(m.paypal.url).post(`/v2/checkout/orders/${paypalOrderId}/approve`).expect(200);
  await request(m.payments.url)
    .post(`/api/payments/${paypalOrderId}/capture`)
    .set("Cookie", buyerCookie)
    .send({})
    .expect(201);

  const ofOrder = (e: EventEnvelope) =>
    (e.data as { id?: string; orderId?: string }).orderId === order.id || (e.data as { id?: string }).id === order.id;
  const events = await eventually(async () => {
    const all = (await streamEvents()).filter(ofOrder);
    return all.some((e) => e.type === "order.completed") ? all : undefined;
  });
  expect(events.map((e) => e.type)).toEqual(["order.created", "payment.created", "order.completed"]);
  const [created, paid, completed] = events as [EventEnvelope, EventEnvelope, EventEnvelope];
  expect(paid.correlationId).toBe(created.correlationId);
  expect(completed.correlationId).toBe(created.correlationId);
  expect(paid.causationId).not.toBe(created.causationId); // still caused by the capture request
});
