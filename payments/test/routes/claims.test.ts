import { randomUUID } from "node:crypto";
import { eventually, sessionCookie } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import request from "supertest";
import { payments, sales } from "../../src/db/schema";
import { ledgerBalance } from "../../src/domain/ledger";
import { holdsFor, type PaymentsTest, paidOrder, paypalGet, startPayments } from "../helpers";

let t: PaymentsTest;
beforeAll(async () => {
  // CLAIM_WINDOW of one hour after the event starts (default 48h).
  t = await startPayments({ CLAIM_WINDOW: "1h", PAYOUT_DELAY: "2h" });
});
afterAll(() => t.stop());

const admin = sessionCookie({ id: randomUUID(), admin: true });
const db = () => t.service.context.database.db;
const api = () => request(t.url);

async function paidSale(options: { startsAt?: Date } = {}) {
  const sellerId = randomUUID();
  const { order, payment } = await paidOrder(t, { price: 5000, sellerId, startsAt: options.startsAt });
  return { order, payment, seller: sessionCookie({ id: sellerId }), sellerId };
}

const open = (cookie: string, orderId: string, extra: Record<string, unknown> = {}) =>
  api()
    .post("/api/payments/claims")
    .set("Cookie", cookie)
    .send({ orderId, reason: "did_not_work", message: "The barcode was refused at the door.", ...extra });

test("a buyer opens a claim: it holds the payout and says so to both sides", async () => {
  const { order, seller } = await paidSale();
  const res = await open(order.cookie, order.id).expect(201);
  expect(res.body.claim).toMatchObject({ orderId: order.id, reason: "did_not_work", status: "open" });
  expect(await holdsFor(t, order.id)).toEqual([
    expect.objectContaining({ reason: "claim", sourceId: res.body.claim.id, releasedAt: null }),
  ]);
  const [event] = await (await t.observe("payment.claim-opened")).waitFor((e) => e.data.orderId === order.id);
  expect(event!.data).toMatchObject({ id: res.body.claim.id, reason: "did_not_work" });
  const asSeller = await api().get(`/api/payments/claims/${res.body.claim.id}`).set("Cookie", seller).expect(200);
  expect(asSeller.body.claim.message).toBe("The barcode was refused at the door.");
  const mine = await api().get("/api/payments/claims").query({ orderId: order.id }).set("Cookie", order.cookie);
  expect(mine.body.claims).toHaveLength(1);
  expect(mine.body.window).toMatchObject({ open: false, why: expect.any(String) });
});

test("only the order's buyer, once per order, with a reason and a message", async () => {
  const { order, seller } = await paidSale();
  await open(seller, order.id).expect(404);
  await open(sessionCookie({ id: randomUUID() }), order.id).expect(404);
  const bad = await open(order.cookie, order.id, { reason: "changed_my_mind" }).expect(400);
  expect(bad.body.errors[0].field).toBe("reason");
  const empty = await open(order.cookie, order.id, { message: "  " }).expect(400);
  expect(empty.body.errors[0].field).toBe("message");
  await api().post("/api/payments/claims").send({ orderId: order.id }).expect(401);
  await open(order.cookie, order.id).expect(201);
  const again = await open(order.cookie, order.id).expect(409);
  expect(again.body.errors[0].field).toBe("orderId");
});

test("the claim window closes CLAIM_WINDOW after the event starts", async () => {
  const { order } = await paidSale({ startsAt: new Date(Date.now() - 2 * 3600_000) });
  const before = await api().get("/api/payments/claims").query({ orderId: order.id }).set("Cookie", order.cookie);
  expect(before.body.window).toMatchObject({ open: false, until: expect.any(String) });
  const late = await open(order.cookie, order.id).expect(409);
  expect(late.body.errors[0].message).toMatch(/closed/);

  const { order: current } = await paidSale({ startsAt: new Date(Date.now() - 30 * 60_000) });
  const now = await api().get("/api/payments/claims").query({ orderId: current.id }).set("Cookie", current.cookie);
  expect(now.body.window).toMatchObject({ open: true, why: null });
  await open(current.cookie, current.id).expect(201);
});

test("the seller answers; the buyer sees the answer; nobody else may answer", async () => {
  const { order, seller } = await paidSale();
  const { body } = await open(order.cookie, order.id).expect(201);
  await api()
    .post(`/api/payments/claims/${body.claim.id}/answer`)
    .set("Cookie", order.cookie)
    .send({ message: "me" })
    .expect(403);
  await api()
    .post(`/api/payments/claims/${body.claim.id}/answer`)
    .set("Cookie", sessionCookie({ id: randomUUID() }))
    .send({ message: "me" })
    .expect(404);
  await api()
    .post(`/api/payments/claims/${body.claim.id}/answer`)
    .set("Cookie", seller)
    .send({ message: "It worked when I sent it." })
    .expect(200);
  const seen = await api().get(`/api/payments/claims/${body.claim.id}`).set("Cookie", order.cookie).expect(200);
  expect(seen.body.claim).toMatchObject({ sellerAnswer: "It worked when I sent it.", status: "open" });
  await (await t.observe("payment.claim-answered")).waitFor((e) => e.data.id === body.claim.id);
});

test("only administrators list and decide claims", async () => {
  const { order, seller } = await paidSale();
  const { body } = await open(order.cookie, order.id).expect(201);
  await api().get("/api/payments/admin/claims").set("Cookie", order.cookie).expect(403);
  await api().get("/api/payments/admin/claims").expect(401);
  await api()
    .post(`/api/payments/admin/claims/${body.claim.id}/decision`)
    .set("Cookie", seller)
    .send({ decision: "reject" })
    .expect(403);
  const list = await api().get("/api/payments/admin/claims").set("Cookie", admin).expect(200);
  expect(list.body.claims.map((c: { id: string }) => c.id)).toContain(body.claim.id);
  const bad = await api()
    .post(`/api/payments/admin/claims/${body.claim.id}/decision`)
    .set("Cookie", admin)
    .send({ decision: "maybe" })
    .expect(400);
  expect(bad.body.errors[0].field).toBe("decision");
});

test("an upheld claim refunds price + service fee through PayPal, closes the sale as refunded and flags the seller", async () => {
  const { order, payment, seller, sellerId } = await paidSale();
  const { body } = await open(order.cookie, order.id).expect(201);
  const decided = await api()
    .post(`/api/payments/admin/claims/${body.claim.id}/decision`)
    .set("Cookie", admin)
    .send({ decision: "refund", note: "The seller sent a used ticket." })
    .expect(200);
  expect(decided.body.claim).toMatchObject({ status: "refunded", paymentStatus: "refunded" });

  const [row] = await db().select().from(payments).where(eq(payments.id, payment.id));
  const [sale] = await db().select().from(sales).where(eq(sales.paymentId, payment.id));
  // The whole capture went back: the ticket's price and the buyer's service fee.
  expect(row!.amount).toBe(sale!.price + sale!.buyerFee);
  expect(sale!.buyerFee).toBeGreaterThan(0);
  expect(decided.body.claim.refundAmount).toBe((row!.amount / 100).toFixed(2));
  const atPayPal = await paypalGet<{ status: string }>(t, `/v2/payments/captures/${payment.captureId}`);
  expect(atPayPal.status).toBe("REFUNDED");
  expect(sale!.status).toBe("refunded");
  const balance = await ledgerBalance(db(), payment.id);
  expect(balance).toMatchObject({ refunded: row!.amount, paidOut: 0, held: 0 });

  const [decidedEvent] = await (await t.observe("payment.claim-decided")).waitFor((e) => e.data.id === body.claim.id);
  expect(decidedEvent!.data).toMatchObject({ decision: "refunded", refundAmount: row!.amount, sellerId });
  await (await t.observe("payment.refunded")).waitFor((e) => e.data.orderId === order.id);
  // Both sides see the outcome; administrators see the seller flagged.
  const asSeller = await api().get(`/api/payments/claims/${body.claim.id}`).set("Cookie", seller).expect(200);
  expect(asSeller.body.claim).toMatchObject({ status: "refunded", decisionNote: "The seller sent a used ticket." });
  const refunded = await api().get("/api/payments/admin/claims?status=refunded").set("Cookie", admin).expect(200);
  expect(refunded.body.claims.find((c: { id: string }) => c.id === body.claim.id).sellerFlags).toBe(1);
  // Decided once only.
  await api()
    .post(`/api/payments/admin/claims/${body.claim.id}/decision`)
    .set("Cookie", admin)
    .send({ decision: "reject" })
    .expect(409);
});

test("a rejected claim releases the payout", async () => {
  const { order, payment } = await paidSale();
  const { body } = await open(order.cookie, order.id).expect(201);
  await api()
    .post(`/api/payments/admin/claims/${body.claim.id}/decision`)
    .set("Cookie", admin)
    .send({ decision: "reject", note: "The ticket was scanned at the door." })
    .expect(200);
  const [hold] = await holdsFor(t, order.id);
  expect(hold!.releasedAt).not.toBeNull();
  const [row] = await db().select().from(payments).where(eq(payments.id, payment.id));
  expect(row).toMatchObject({ status: "completed", refundReason: null });
  const seen = await api().get(`/api/payments/claims/${body.claim.id}`).set("Cookie", order.cookie).expect(200);
  expect(seen.body.claim).toMatchObject({ status: "rejected", refundAmount: "0.00" });
});

test("PayPal down while refunding an upheld claim: decided now, refunded by the janitor later", async () => {
  const { order, payment } = await paidSale();
  const { body } = await open(order.cookie, order.id).expect(201);
  await request(t.resources.paypal.url)
    .post("/emulator/faults")
    .send({ mode: "error", status: 503, path: "/refund", count: 0 })
    .expect(201);
  const decided = await api()
    .post(`/api/payments/admin/claims/${body.claim.id}/decision`)
    .set("Cookie", admin)
    .send({ decision: "refund" })
    .expect(200);
  expect(decided.body.claim).toMatchObject({ status: "refunded", paymentStatus: "completed" });
  t.resources.paypal.faults.clear();
  await eventually(
    async () => (await db().select().from(payments).where(eq(payments.id, payment.id)))[0]!.status === "refunded",
  );
});

test("the buyer may add one JPEG or PNG photo to an open claim; buyer, seller and admins see it, nobody else", async () => {
  const { order, seller } = await paidSale();
  const { body } = await open(order.cookie, order.id).expect(201);
  const path = `/api/payments/claims/${body.claim.id}/photo`;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

  const notImage = await api()
    .put(path)
    .set("Cookie", order.cookie)
    .set("Content-Type", "image/png")
    .send(Buffer.from("GIF89a not a png"))
    .expect(415);
  expect(notImage.body.errors[0].field).toBe("photo");
  await api().put(path).set("Cookie", seller).set("Content-Type", "image/png").send(png).expect(404);
  await api()
    .put(path)
    .set("Cookie", order.cookie)
    .set("Content-Type", "image/png")
    .send(Buffer.alloc(2 * 1024 * 1024 + 1))
    .expect(413);

  const added = await api()
    .put(path)
    .set("Cookie", order.cookie)
    .set("Content-Type", "image/png")
    .send(png)
    .expect(201);
  expect(added.body.claim.hasPhoto).toBe(true);
  await api().put(path).set("Cookie", order.cookie).set("Content-Type", "image/png").send(png).expect(409);

  for (const cookie of [order.cookie, seller, admin]) {
    const shown = await api().get(path).set("Cookie", cookie).buffer(true).expect(200);
    expect(shown.headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(shown.body as Buffer, png)).toBe(0);
  }
  await api()
    .get(path)
    .set("Cookie", sessionCookie({ id: randomUUID() }))
    .expect(404);
});
