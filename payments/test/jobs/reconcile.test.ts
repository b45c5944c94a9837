import { eventually } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import request from "supertest";
import { paypalSideRefunds } from "../../src/db/schema";
import { holdsFor, type PaymentsTest, paidOrder, startPayments } from "../helpers";

// No webhook is subscribed here: everything PayPal did must be found by the reconcile job.
let t: PaymentsTest;
beforeAll(async () => {
  t = await startPayments({ RECONCILE_INTERVAL_MS: "100" });
});
afterAll(() => t.stop());

test("a refund at PayPal whose webhook never came is found by the reconcile job: recorded once, payout held", async () => {
  const { order, payment } = await paidOrder(t, { price: 4000 });
  const refunded = await request(t.resources.paypal.url)
    .post(`/emulator/captures/${payment.captureId}/refund`)
    .send({ amount: { currency_code: "USD", value: "10.00" } })
    .expect(201);
  await eventually(async () => (await holdsFor(t, order.id)).length === 1);
  const rows = await t.service.context.database.db
    .select()
    .from(paypalSideRefunds)
    .where(eq(paypalSideRefunds.paymentId, payment.id));
  expect(rows).toEqual([expect.objectContaining({ id: refunded.body.refund.id, amount: 1000, source: "reconcile" })]);
});
