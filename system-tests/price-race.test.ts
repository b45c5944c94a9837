// Who decides availability, and the price of a sale: a seller changes the price from 1.00 to
// 900.00 at the moment a buyer reserves. Orders decides on its replica (still 1.00) while
// tickets accepts the edit on its own view (it has not seen the order yet). The race is made
// deterministic, not timed: orders' NATS connection goes through a TcpProxy that is cut while
// the order is placed and the price edited, so each service decides without the other's event.
// The one outcome: the buyer pays 1.00, and every view shows 1.00 for the sale.
import { randomUUID } from "node:crypto";
import { attachTicketFile, eventually, natsUrl, sessionCookie, startTest, TcpProxy } from "@m-ticketing/common/testing";
import { paypalEmulator } from "@m-ticketing/paypal-emulator";
import request from "supertest";
import { ordersModule } from "../orders/src/app";
import { paymentsModule } from "../payments/src/app";
import { ticketsModule } from "../tickets/src/app";

const startServices = () => startTest({ services: [ticketsModule], resources: { paypal: paypalEmulator } });
let t: Awaited<ReturnType<typeof startServices>>;
let proxy: TcpProxy;
const m = { tickets: { url: "" }, orders: { url: "" }, payments: { url: "" }, paypal: { url: "" } };

beforeAll(async () => {
  const nats = await TcpProxy.inFrontOf(natsUrl());
  proxy = nats.proxy;
  t = await startServices();
  m.tickets = t.get(ticketsModule);
  m.orders = await t.start(ordersModule, { env: { NATS_URL: nats.url } });
  m.payments = await t.start(paymentsModule);
  m.paypal = t.resources.paypal;
});
afterAll(async () => {
  await proxy.start().catch(() => {});
  await t?.stop();
  await proxy.stop();
});

const person = () => sessionCookie({ id: randomUUID() });
const listing = (price: string) => ({
  title: "Cup final",
  price,
  eventDate: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  venue: "Wembley",
});

test("a price edit racing a reservation: the buyer pays the price they reserved at, shown by every view", async () => {
  const [seller, buyer] = [person(), person()];
  const listed = await request(m.tickets.url).post("/api/tickets").set("Cookie", seller).send(listing("1.00"));
  const ticketId: string = listed.body.ticket.id;
  await attachTicketFile(m.tickets.url, seller, ticketId);
  // Orders knows the ticket at 1.00 (its replica: the seller ordering it is refused as the
  // seller, not as unknown), then loses its connection to the bus.
  await eventually(async () => {
    const res = await request(m.orders.url).post("/api/orders").set("Cookie", seller).send({ ticketId });
    return res.status === 403;
  });
  await proxy.cut();

  // Both decisions are taken, each on its own service's view: neither event has crossed yet.
  const placed = await request(m.orders.url).post("/api/orders").set("Cookie", buyer).send({ ticketId }).expect(201);
  const order = placed.body.order;
  expect(order.ticket.price).toBe("1.00");
  const edited = await request(m.tickets.url)
    .put(`/api/tickets/${ticketId}`)
    .set("Cookie", seller)
    .send(listing("900.00"));
  expect(edited.status).toBe(200);
  expect(edited.body.ticket).toMatchObject({ status: "available", price: "900.00" });

  // The events cross once orders is back on the bus.
  await proxy.start();
  const ticket = await eventually(async () => {
    const res = await request(m.tickets.url).get(`/api/tickets/${ticketId}`);
    return res.body.ticket?.status === "reserved" ? res.body.ticket : undefined;
  }, 20_000);
  // The public view does not say which order holds it (the buyer's business); the price does.
  expect(ticket).toMatchObject({ price: "1.00", currency: "USD" });
  const mine = await request(m.tickets.url).get("/api/tickets/mine").set("Cookie", seller).expect(200);
  expect(mine.body.tickets).toEqual([expect.objectContaining({ id: ticketId, status: "reserved", price: "1.00" })]);
  // A later edit is refused: the ticket is reserved.
  await request(m.tickets.url).put(`/api/tickets/${ticketId}`).set("Cookie", seller).send(listing("5.00")).expect(409);

  // The buyer pays 1.00.
  const paypalOrderId = await eventually(async () => {
    const res = await request(m.payments.url)
      .post("/api/payments/create-order")
      .set("Cookie", buyer)
      .send({ orderId: order.id });
    return res.status === 201 ? (res.body.id as string) : undefined;
  });
  await request(m.paypal.url).post(`/v2/checkout/orders/${paypalOrderId}/approve`).expect(200);
  const captured = await request(m.payments.url)
    .post(`/api/payments/${paypalOrderId}/capture`)
    .set("Cookie", buyer)
    .send({})
    .expect(201);
  // 1.00 and its service fee (0.10 + 0.99): the price the order was made at, never the new one.
  expect(captured.body.payment).toMatchObject({ amount: "2.09", price: "1.00", currency: "USD", status: "completed" });

  // Sold at 1.00 everywhere: listing, the seller's listings, the order, the payment.
  const sold = await eventually(async () => {
    const res = await request(m.tickets.url).get(`/api/tickets/${ticketId}`);
    return res.body.ticket?.status === "sold" ? res.body.ticket : undefined;
  });
  expect(sold).toMatchObject({ price: "1.00" });
  const sellerView = await request(m.tickets.url).get("/api/tickets/mine").set("Cookie", seller);
  expect(sellerView.body.tickets[0]).toMatchObject({ status: "sold", price: "1.00" });
  const shown = await eventually(async () => {
    const res = await request(m.orders.url).get(`/api/orders/${order.id}`).set("Cookie", buyer);
    return res.body.order?.status === "complete" ? res.body.order : undefined;
  });
  expect(shown.ticket).toMatchObject({ price: "1.00", currency: "USD" });
  const payments = await request(m.payments.url).get("/api/payments").query({ orderId: order.id }).set("Cookie", buyer);
  expect(payments.body.payments).toEqual([expect.objectContaining({ price: "1.00", status: "completed" })]);
});
