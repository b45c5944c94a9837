// Issue 12 finding 1: a hand-made `payment.created {orderId, amount: 1}` made a 999.00 order
// complete. Whoever manages to publish one, orders applies a payment only when its amount
// and currency are the order's; anything else is dead-lettered and the order stays as it is.
import { captureLogs } from "@m-ticketing/common/testing";
import {
  type Harness,
  newUser,
  orderRow,
  orderWithStatus,
  paymentCreated,
  placeOrder,
  seedTicket,
  startOrders,
} from "../helpers";

const logs = captureLogs();
let h: Harness;

beforeAll(async () => {
  h = await startOrders({}, { logger: logs.logger });
});
afterAll(() => h.stop());

async function newOrder(priceCents: number) {
  const ticket = await seedTicket(h, { price: priceCents });
  const res = await placeOrder(h, newUser(), ticket.id).expect(201);
  return res.body.order as { id: string };
}

test.each([
  ["a smaller amount", { amount: 1 }],
  ["a larger amount", { amount: 99_901 }],
  ["another currency", { currency: "JPY" }],
])("a payment.created with %s is dead-lettered and the order stays unpaid", async (_name, change) => {
  const order = await newOrder(99_900);
  const forged = paymentCreated(order.id, 99_900);
  Object.assign(forged.data, change);
  await h.publish(forged);
  await h.consumerIdle("orders", "payment.created");
  expect(await orderRow(h, order.id)).toMatchObject({ status: "created", version: 0 });
  expect((await h.published("order.completed")).filter((e) => (e.data as { id: string }).id === order.id)).toEqual([]);
  expect(logs.lines.find((l) => l.eventId === forged.id)).toMatchObject({ deadLetter: true, type: "payment.created" });
});

test("the payment of the order's price completes it", async () => {
  const order = await newOrder(99_900);
  await h.publish(paymentCreated(order.id, 99_900));
  await orderWithStatus(h, order.id, "complete");
});
