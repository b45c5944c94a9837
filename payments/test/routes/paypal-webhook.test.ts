import { randomUUID } from "node:crypto";
import { eventually, sessionCookie } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import request from "supertest";
import { payments, paypalSideRefunds, sales } from "../../src/db/schema";
import { ledgerBalance } from "../../src/domain/ledger";
import {
  cancelOrder,
  eventsFor,
  holdsFor,
  type PaymentsTest,
  paidOrder,
  startPayments,
  startPaymentsWithWebhooks,
  TEST_WEBHOOK_ID,
  webhookEvents,
} from "../helpers";

let t: PaymentsTest;
beforeAll(async () => {
  t = await startPaymentsWithWebhooks();
});
afterAll(() => t.stop());

const paypal = () => request(t.resources.paypal.url);
const db = () => t.service.context.database.db;
const sideRefunds = (paymentId: string) =>
  db().select().from(paypalSideRefunds).where(eq(paypalSideRefunds.paymentId, paymentId));
const paymentRow = async (id: string) => (await db().select().from(payments).where(eq(payments.id, id)))[0]!;

test("a refund made at PayPal arrives by webhook: recorded once, the payout held, the payment refunded", async () => {
  const { order, payment } = await paidOrder(t, { price: 3000 });
  const refunded = await paypal().post(`/emulator/captures/${payment.captureId}/refund`).send({}).expect(201);
  await eventually(async () => (await holdsFor(t, order.id)).length === 1);
  const [hold] = await holdsFor(t, order.id);
  expect(hold).toMatchObject({ reason: "paypal-refund", sourceId: refunded.body.refund.id, releasedAt: null });
  expect(await sideRefunds(payment.id)).toEqual([
    // The whole capture: 30.00 and the service fee (3.00 + 0.99).
    expect.objectContaining({ id: refunded.body.refund.id, amount: 3399, kind: "refund", source: "webhook" }),
  ]);
  expect(await paymentRow(payment.id)).toMatchObject({ status: "refunded", refundId: refunded.body.refund.id });
  // The ledger has it too: everything went back, the sale is closed, our fees given up.
  expect(await ledgerBalance(db(), payment.id)).toEqual({
    captured: 3399,
    refunded: 3399,
    fees: 0,
    paidOut: 0,
    held: 0,
  });
  // Not our refund: no payment.refunded (PayPal told the buyer itself).
  expect(await eventsFor(t, "payment.refunded", order.id)).toHaveLength(0);
});

test("a redelivered webhook changes nothing", async () => {
  const { order, payment } = await paidOrder(t);
  const refunded = await paypal()
    .post(`/emulator/captures/${payment.captureId}/refund`)
    .send({ amount: { currency_code: "USD", value: "5.00" } })
    .expect(201);
  await eventually(async () => (await holdsFor(t, order.id)).length === 1);
  const before = { holds: await holdsFor(t, order.id), refunds: await sideRefunds(payment.id) };

  await t.resources.paypal.webhooks.resend(refunded.body.event_id);
  await t.resources.paypal.webhooks.resend(refunded.body.event_id);
  await t.resources.paypal.webhooks.idle();
  const deliveries = t.resources.paypal.webhooks.events.get(refunded.body.event_id)!.deliveries;
  expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
  expect(await holdsFor(t, order.id)).toEqual(before.holds);
  expect(await sideRefunds(payment.id)).toEqual(before.refunds);
  expect(before.refunds[0]).toMatchObject({ amount: 500 });
  // A partial refund leaves the payment completed (the rest is still the seller's, held).
  expect((await paymentRow(payment.id)).status).toBe("completed");
});

test("an invalid signature is refused and changes nothing", async () => {
  const { order, payment } = await paidOrder(t);
  const event = {
    id: "WH-FORGED-0001",
    event_type: "PAYMENT.CAPTURE.REFUNDED",
    resource: {
      id: "FORGEDREFUND01",
      status: "COMPLETED",
      amount: { currency_code: "USD", value: "20.50" },
      links: [{ rel: "up", href: `${t.resources.paypal.url}/v2/payments/captures/${payment.captureId}` }],
    },
  };
  const headers = {
    "PAYPAL-TRANSMISSION-ID": "9b5c1c50-0000-0000-0000-000000000000",
    "PAYPAL-TRANSMISSION-TIME": new Date().toISOString(),
    "PAYPAL-TRANSMISSION-SIG": Buffer.from("forged").toString("base64"),
    "PAYPAL-CERT-URL": t.resources.paypal.webhooks.certUrl,
    "PAYPAL-AUTH-ALGO": "SHA256withRSA",
  };
  const refused = await request(t.url).post("/api/payments/webhooks/paypal").set(headers).send(event).expect(400);
  expect(refused.body.errors[0].field).toBe("PAYPAL-TRANSMISSION-SIG");

  // A real signature over another body is refused too (the event was changed on the way).
  const signed = t.resources.paypal.webhooks.sign(JSON.stringify({ ...event, id: "WH-OTHER" }), TEST_WEBHOOK_ID);
  await request(t.url).post("/api/payments/webhooks/paypal").set(signed).send(event).expect(400);
  // Signed for another webhook id: refused.
  const otherHook = t.resources.paypal.webhooks.sign(JSON.stringify(event), "SOMEONE-ELSES-WEBHOOK");
  await request(t.url).post("/api/payments/webhooks/paypal").set(otherHook).send(event).expect(400);

  const missing = await request(t.url)
    .post("/api/payments/webhooks/paypal")
    .set({ ...headers, "PAYPAL-TRANSMISSION-SIG": "" })
    .send(event)
    .expect(400);
  expect(missing.body.errors[0].field).toBe("PAYPAL-TRANSMISSION-SIG");

  expect(await holdsFor(t, order.id)).toEqual([]);
  expect((await webhookEvents(t)).map((e) => e.id)).not.toContain("WH-FORGED-0001");
  expect((await paymentRow(payment.id)).status).toBe("completed");
});

test("a correctly signed event that we sign ourselves in the test is applied (the check is PayPal's, not ours)", async () => {
  const { order, payment } = await paidOrder(t);
  const event = {
    id: "WH-SIGNED-BY-EMULATOR",
    event_type: "CUSTOMER.DISPUTE.CREATED",
    resource: {
      dispute_id: "PP-D-TEST1",
      reason: "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
      disputed_transactions: [{ seller_transaction_id: payment.captureId }],
    },
  };
  const headers = t.resources.paypal.webhooks.sign(JSON.stringify(event), TEST_WEBHOOK_ID);
  const res = await request(t.url).post("/api/payments/webhooks/paypal").set(headers).send(event).expect(200);
  expect(res.body.outcome).toBe("recorded");
  expect(await holdsFor(t, order.id)).toEqual([
    expect.objectContaining({ reason: "paypal-dispute", sourceId: "PP-D-TEST1" }),
  ]);
  const again = await request(t.url).post("/api/payments/webhooks/paypal").set(headers).send(event).expect(200);
  expect(again.body.outcome).toBe("duplicate");
});

test("a reversal and a dispute opened at PayPal hold the payout", async () => {
  const { order, payment } = await paidOrder(t);
  await paypal().post(`/emulator/captures/${payment.captureId}/dispute`).send({}).expect(201);
  await paypal().post(`/emulator/captures/${payment.captureId}/reverse`).send({}).expect(201);
  await eventually(async () => (await holdsFor(t, order.id)).length === 2);
  expect((await holdsFor(t, order.id)).map((h) => h.reason).sort()).toEqual(["paypal-dispute", "paypal-reversal"]);
  expect((await paymentRow(payment.id)).status).toBe("refunded");
});

test("a dispute PayPal resolves in the seller's favour releases its hold; in the buyer's it stays", async () => {
  const won = await paidOrder(t);
  const lost = await paidOrder(t);
  const disputes: string[] = [];
  for (const { payment } of [won, lost]) {
    const res = await paypal().post(`/emulator/captures/${payment.captureId}/dispute`).send({}).expect(201);
    disputes.push(res.body.dispute.dispute_id);
  }
  await eventually(async () => (await holdsFor(t, lost.order.id)).length === 1);
  await paypal()
    .post(`/emulator/disputes/${disputes[0]}/resolve`)
    .send({ outcome: "RESOLVED_SELLER_FAVOUR" })
    .expect(200);
  await paypal()
    .post(`/emulator/disputes/${disputes[1]}/resolve`)
    .send({ outcome: "RESOLVED_BUYER_FAVOUR" })
    .expect(200);
  await eventually(async () => (await holdsFor(t, won.order.id))[0]?.releasedAt !== null);
  await t.resources.paypal.webhooks.idle();
  expect((await holdsFor(t, lost.order.id))[0]!.releasedAt).toBeNull();
});

test("our own refund's webhook is recognised: no hold, one payment.refunded", async () => {
  const { order, payment } = await paidOrder(t);
  // Cancelled after the capture: payments owes the buyer a refund and makes it (the janitor).
  await cancelOrder(t, order, 5);
  await eventually(async () => (await paymentRow(payment.id)).status === "refunded");
  await t.resources.paypal.webhooks.idle();
  const refundId = (await paymentRow(payment.id)).refundId!;
  await eventually(async () => (await webhookEvents(t)).some((e) => e.resourceId === refundId));
  expect((await webhookEvents(t)).find((e) => e.resourceId === refundId)!.outcome).toBe("ours");
  expect(await holdsFor(t, order.id)).toEqual([]);
  expect(await eventsFor(t, "payment.refunded", order.id)).toHaveLength(1);
});

test("without PAYPAL_WEBHOOK_ID every delivery is refused (503): nothing can be verified", async () => {
  const bare = await startPayments();
  try {
    const headers = bare.resources.paypal.webhooks.sign("{}", TEST_WEBHOOK_ID);
    await request(bare.url)
      .post("/api/payments/webhooks/paypal")
      .set(headers)
      .send({ id: "WH-1", event_type: "X" })
      .expect(503);
  } finally {
    await bare.stop();
  }
});

test("a PAYMENT.PAYOUTS-ITEM webhook settles the sale's payout item (PayPal's batch unreadable meanwhile)", async () => {
  const f = await startPaymentsWithWebhooks({ PAYOUT_DELAY: "1s", PAYOUT_INTERVAL_MS: "100" });
  try {
    const seller = randomUUID();
    await request(f.url)
      .put("/api/payments/payout-account")
      .set("Cookie", sessionCookie({ id: seller }))
      .send({ paypalEmail: "pending@example.test" })
      .expect(200);
    const { payment } = await paidOrder(f, { sellerId: seller, startsAt: new Date() });
    const saleOf = async () =>
      (await f.service.context.database.db.select().from(sales).where(eq(sales.paymentId, payment.id)))[0]!;
    // The item stays PENDING at PayPal (the emulator's `pending@` receiver): the sale is `sent`.
    await eventually(async () => (await saleOf()).status === "sent" && (await saleOf()).paypalBatchId);
    // From now on the payout job cannot read the batch: only the webhook can tell us.
    await request(f.resources.paypal.url)
      .post("/emulator/faults")
      .send({ mode: "error", status: 503, path: "/v1/payments/payouts/", method: "GET", count: 0 })
      .expect(201);
    const item = [...f.resources.paypal.payouts.items.values()].find((i) => i.senderItemId?.startsWith(payment.id))!;
    f.resources.paypal.payouts.setItemStatus(item.id, "SUCCESS");
    await eventually(async () => (await saleOf()).status === "paid");
    await f.resources.paypal.webhooks.idle();
    const events = await webhookEvents(f);
    expect(events.find((e) => e.eventType === "PAYMENT.PAYOUTS-ITEM.SUCCEEDED")).toMatchObject({
      outcome: "payout-item",
      resourceId: item.id,
    });
  } finally {
    await f.stop();
  }
});
