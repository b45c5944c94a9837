// The whole purchase on one stream: tickets, orders, payments and expiration in-process,
// each on its own database (expiration on Redis), PayPal emulated over HTTP. What a buyer
// sees through the gateway: pay → order complete → ticket sold; don't pay → order
// cancelled after expiresAt → ticket available again. Each service connects to NATS as
// its own user (scripts/lib/nats-auth.mjs), so a permission a service lacks fails here.
import { randomUUID } from "node:crypto";
import { attachTicketFile, eventually, sessionCookie, startTest } from "@m-ticketing/common/testing";
import { paypalEmulator } from "@m-ticketing/paypal-emulator";
import request from "supertest";
import { expirationModule } from "../expiration/src/app";
import { ordersModule } from "../orders/src/app";
import { paymentsModule } from "../payments/src/app";
import { ticketsModule } from "../tickets/src/app";

/** Every backend service of a purchase, started together on a fresh stream. */
async function startMarketplace(orderExpirationSeconds: number) {
  const t = await startTest({
    services: [ticketsModule, ordersModule, paymentsModule, expirationModule],
    resources: { paypal: paypalEmulator },
    env: {
      ORDER_EXPIRATION_SECONDS: String(orderExpirationSeconds),
      JANITOR_INTERVAL_MS: "200",
    },
  });
  return {
    paypal: t.resources.paypal,
    ticketsUrl: t.get(ticketsModule).url,
    ticketsDb: t.get(ticketsModule).service.context.database,
    ordersUrl: t.get(ordersModule).url,
    paymentsUrl: t.get(paymentsModule).url,
    stop: () => t.stop(),
  };
}

type Marketplace = Awaited<ReturnType<typeof startMarketplace>>;

const person = () => {
  const id = randomUUID();
  return { id, cookie: sessionCookie({ id }) };
};

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();

/** A seller lists a ticket and a buyer reserves it (once orders has learnt of the ticket). */
async function reservedTicket(m: Marketplace, price = "45.00") {
  const [seller, buyer] = [person(), person()];
  const listed = await request(m.ticketsUrl)
    .post("/api/tickets")
    .set("Cookie", seller.cookie)
    .send({ title: "Nick Cave", price, eventDate: inAMonth(), venue: "Royal Albert Hall" })
    .expect(201);
  const ticketId: string = listed.body.ticket.id;
  await attachTicketFile(m.ticketsUrl, seller.cookie, ticketId);
  const order = await eventually(async () => {
    const res = await request(m.ordersUrl).post("/api/orders").set("Cookie", buyer.cookie).send({ ticketId });
    return res.status === 201 ? res.body.order : undefined;
  });
  return { buyer, ticketId, order: order as { id: string; expiresAt: string } };
}

/** The public view of the ticket, plus the order holding it from the tickets database (the API never shows it). */
const ticketOf = async (m: Marketplace, id: string) => {
  const res = await request(m.ticketsUrl).get(`/api/tickets/${id}`);
  const { rows } = await m.ticketsDb.pool.query("select order_id from tickets where id = $1", [id]);
  return { ...(res.body.ticket as { status: string }), orderId: (rows[0]?.order_id ?? null) as string | null };
};

const orderOf = (m: Marketplace, id: string, cookie: string) =>
  request(m.ordersUrl)
    .get(`/api/orders/${id}`)
    .set("Cookie", cookie)
    .then((res) => res.body.order as { status: string });

/** The buyer starts PayPal checkout for the order (once payments has learnt of it) and approves. */
async function approvedCheckout(m: Marketplace, orderId: string, cookie: string): Promise<string> {
  const paypalOrderId = await eventually(async () => {
    const res = await request(m.paymentsUrl).post("/api/payments/create-order").set("Cookie", cookie).send({ orderId });
    return res.status === 201 ? (res.body.id as string) : undefined;
  });
  await request(m.paypal.url).post(`/v2/checkout/orders/${paypalOrderId}/approve`).expect(200);
  return paypalOrderId;
}

describe("a buyer who pays", () => {
  let m: Marketplace;
  beforeAll(async () => {
    m = await startMarketplace(900);
  });
  afterAll(() => m.stop());

  test("order → PayPal approval → capture → order complete → ticket sold", async () => {
    const { buyer, ticketId, order } = await reservedTicket(m, "45.00");
    await eventually(async () => (await ticketOf(m, ticketId)).status === "reserved");
    // What the buyer is shown before paying: price + service fee = total (default fees: 10 % + 0.99).
    const shown = (await request(m.ticketsUrl).get(`/api/tickets/${ticketId}`).expect(200)).body.ticket;
    expect(shown.fees).toMatchObject({ price: "45.00", buyerFee: "5.49", total: "50.49" });

    const paypalOrderId = await approvedCheckout(m, order.id, buyer.cookie);
    // The PayPal order is for exactly the total shown.
    const atPayPal = m.paypal.store.orders.get(paypalOrderId);
    expect(atPayPal?.unit.amount).toEqual({ currency_code: "USD", value: shown.fees.total });
    const captured = await request(m.paymentsUrl)
      .post(`/api/payments/${paypalOrderId}/capture`)
      .set("Cookie", buyer.cookie)
      .expect(201);
    expect(captured.body.payment).toMatchObject({
      orderId: order.id,
      amount: "50.49",
      price: "45.00",
      serviceFee: "5.49",
      status: "completed",
    });

    await eventually(async () => (await orderOf(m, order.id, buyer.cookie)).status === "complete");
    const ticket = await eventually(async () => {
      const t = await ticketOf(m, ticketId);
      return t.status === "sold" ? t : undefined;
    });
    expect(ticket.orderId).toBe(order.id);
  });
});

describe("a buyer who does not pay in time", () => {
  let m: Marketplace;
  beforeAll(async () => {
    m = await startMarketplace(4);
  });
  afterAll(() => m.stop());

  test("the order is cancelled after expiresAt and the ticket is available again", async () => {
    const { buyer, ticketId, order } = await reservedTicket(m);
    await eventually(async () => (await orderOf(m, order.id, buyer.cookie)).status === "cancelled");
    expect(Date.now()).toBeGreaterThanOrEqual(new Date(order.expiresAt).getTime());
    await eventually(async () => (await ticketOf(m, ticketId)).status === "available");
  });

  test("money that arrives after the expiry goes back, and the ticket stays available", async () => {
    const { buyer, ticketId, order } = await reservedTicket(m);
    const paypalOrderId = await approvedCheckout(m, order.id, buyer.cookie);
    // PayPal is slow to capture: the order expires (and is cancelled) meanwhile.
    await request(m.paypal.url).post("/emulator/faults").send({ mode: "hold", path: "/capture" }).expect(201);
    const capturing = request(m.paymentsUrl)
      .post(`/api/payments/${paypalOrderId}/capture`)
      .set("Cookie", buyer.cookie)
      .then((res) => res);
    await eventually(async () => (await orderOf(m, order.id, buyer.cookie)).status === "cancelled");
    await request(m.paypal.url).post("/emulator/release").expect(200);

    const res = await capturing;
    expect(res.status).toBe(409);
    expect(res.body.errors[0].message).toMatch(/^order (cancelled|expired); payment refunded$/);
    const payments = await request(m.paymentsUrl).get("/api/payments").set("Cookie", buyer.cookie).expect(200);
    expect(payments.body.payments).toEqual([expect.objectContaining({ orderId: order.id, status: "refunded" })]);
    await eventually(async () => (await ticketOf(m, ticketId)).status === "available");
    expect((await orderOf(m, order.id, buyer.cookie)).status).toBe("cancelled");
  });
});
