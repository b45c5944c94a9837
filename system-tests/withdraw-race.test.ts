// A seller withdraws a listing while a buyer's order for it is being placed: orders accepted
// the order before it heard of the withdrawal, and tickets accepted the withdrawal before it
// heard of the order (it refuses to withdraw a reservation it knows of, 409). The race is made
// deterministic, not timed: tickets' NATS connection goes through a TcpProxy that is cut while
// the order is placed, checkout started and the listing withdrawn. The one outcome: the unpaid
// order ends `listing_withdrawn`, no payment can be taken for it, and money captured anyway
// goes back through the late-payment refund.
import { randomUUID } from "node:crypto";
import { attachTicketFile, eventually, natsUrl, sessionCookie, startTest, TcpProxy } from "@m-ticketing/common/testing";
import { paypalEmulator } from "@m-ticketing/paypal-emulator";
import request from "supertest";
import { ordersModule } from "../orders/src/app";
import { paymentsModule } from "../payments/src/app";
import { ticketsModule } from "../tickets/src/app";

const startServices = () =>
  startTest({
    services: [ordersModule, paymentsModule],
    resources: { paypal: paypalEmulator },
    env: { JANITOR_INTERVAL_MS: "200" },
  });
let t: Awaited<ReturnType<typeof startServices>>;
let proxy: TcpProxy;
const m = { tickets: { url: "" }, orders: { url: "" }, payments: { url: "" }, paypal: { url: "" } };

beforeAll(async () => {
  const nats = await TcpProxy.inFrontOf(natsUrl());
  proxy = nats.proxy;
  t = await startServices();
  m.orders = t.get(ordersModule);
  m.payments = t.get(paymentsModule);
  m.paypal = t.resources.paypal;
  m.tickets = await t.start(ticketsModule, { env: { NATS_URL: nats.url } });
});
afterAll(async () => {
  await proxy.start().catch(() => {});
  await t?.stop();
  await proxy.stop();
});

const person = () => sessionCookie({ id: randomUUID() });
const listing = {
  title: "Cup final",
  price: "40.00",
  eventDate: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  venue: "Wembley",
};

const orderOf = (id: string, buyer: string) =>
  request(m.orders.url)
    .get(`/api/orders/${id}`)
    .set("Cookie", buyer)
    .then((res) => res.body.order as { status: string; endReason: string | null; refundedAt: string | null });

test("an order placed before orders heard of the withdrawal ends `listing_withdrawn`, cannot be paid, and late money goes back", async () => {
  const [seller, buyer] = [person(), person()];
  const listed = await request(m.tickets.url).post("/api/tickets").set("Cookie", seller).send(listing).expect(201);
  const ticketId: string = listed.body.ticket.id;
  await attachTicketFile(m.tickets.url, seller, ticketId);

  // Orders knows the listing: the buyer reserves it; payments learns of the order and the
  // buyer approves the PayPal order. Tickets is off the bus from before the order.
  await eventually(async () => {
    const res = await request(m.orders.url).post("/api/orders").set("Cookie", seller).send({ ticketId });
    return res.status === 403;
  });
  await proxy.cut();
  const placed = await request(m.orders.url).post("/api/orders").set("Cookie", buyer).send({ ticketId }).expect(201);
  const orderId: string = placed.body.order.id;
  const paypalOrderId = await eventually(async () => {
    const res = await request(m.payments.url).post("/api/payments/create-order").set("Cookie", buyer).send({ orderId });
    return res.status === 201 ? (res.body.id as string) : undefined;
  });
  await request(m.paypal.url).post(`/v2/checkout/orders/${paypalOrderId}/approve`).expect(200);

  // Tickets has not heard of the order, so it lets the seller withdraw.
  const withdrawn = await request(m.tickets.url).delete(`/api/tickets/${ticketId}`).set("Cookie", seller);
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body.ticket.status).toBe("withdrawn");

  // The buyer pays while the withdrawal is on its way: PayPal holds the capture.
  await request(m.paypal.url).post("/emulator/faults").send({ mode: "hold", path: "/capture" }).expect(201);
  const capturing = request(m.payments.url)
    .post(`/api/payments/${paypalOrderId}/capture`)
    .set("Cookie", buyer)
    .then((res) => res);
  await eventually(async () => t.resources.paypal.faults.heldCount === 1);

  // Tickets is back on the bus: the withdrawal reaches orders, which ends the unpaid order.
  await proxy.start();
  const ended = await eventually(async () => {
    const order = await orderOf(orderId, buyer);
    return order.status === "cancelled" ? order : undefined;
  }, 20_000);
  expect(ended.endReason).toBe("listing_withdrawn");
  // Payments hears of it through `order.cancelled`: only then is PayPal's answer released, so
  // the capture meets a cancelled order (released earlier, it would complete and be refunded
  // later by the same late-payment rule, a different path from the one this test follows).
  await eventually(async () => {
    const { rows } = await t
      .get(paymentsModule)
      .service.context.database.pool.query("select status from orders where id = $1", [orderId]);
    return rows[0]?.status === "cancelled";
  });

  // The money PayPal captured after that goes back, and the buyer is told why.
  await request(m.paypal.url).post("/emulator/release").expect(200);
  const captured = await capturing;
  expect(captured.status).toBe(409);
  expect(captured.body.errors[0].message).toBe("order cancelled; payment refunded");
  const payments = await request(m.payments.url).get("/api/payments").set("Cookie", buyer).expect(200);
  expect(payments.body.payments).toEqual([expect.objectContaining({ orderId, status: "refunded" })]);
  await eventually(async () => (await orderOf(orderId, buyer)).refundedAt !== null);

  // No new payment can be started for it.
  const again = await request(m.payments.url).post("/api/payments/create-order").set("Cookie", buyer).send({ orderId });
  expect(again.status).toBe(409);
  expect(again.body.errors[0].message).toBe("order cancelled: the seller withdrew the listing");

  // The listing stays withdrawn and held by nobody, once tickets has heard of the order's life.
  await t.consumerIdle("tickets", "order.created");
  await t.consumerIdle("tickets", "order.cancelled");
  const { rows } = await t
    .get(ticketsModule)
    .service.context.database.pool.query("select status, order_id from tickets where id = $1", [ticketId]);
  expect(rows[0]).toEqual({ status: "withdrawn", order_id: null });
});
