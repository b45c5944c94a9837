import { eventually } from "@m-ticketing/common/testing";
import { eq } from "drizzle-orm";
import { ledger, sales } from "../../src/db/schema";
import { ledgerBalance } from "../../src/domain/ledger";
import {
  approve,
  awaitEvents,
  cancelOrder,
  capture,
  type PaymentsTest,
  seedOrder,
  startCheckout,
  startPayments,
} from "../helpers";

let f: PaymentsTest;
beforeAll(async () => {
  f = await startPayments();
});
afterAll(() => f.stop());

const db = () => f.service.context.database.db;

async function paidOrder(price = 2050) {
  const order = await seedOrder(f, { price });
  const paypalOrderId = await startCheckout(f, order);
  await approve(f, paypalOrderId);
  const res = await capture(f, paypalOrderId, order.cookie).expect(201);
  return { order, payment: res.body.payment as { id: string } };
}

test("a capture writes capture and fees to the ledger in its transaction; the seller's amount is held", async () => {
  const { payment } = await paidOrder(2050);
  const rows = await db().select().from(ledger).where(eq(ledger.paymentId, payment.id));
  expect(rows.map((r) => [r.kind, r.amount]).sort()).toEqual([
    ["buyer-fee", 304],
    ["capture", 2354],
    ["seller-fee", 103],
  ]);
  // captured = refunded + paid out + fees + held
  expect(await ledgerBalance(db(), payment.id)).toEqual({
    captured: 2354,
    refunded: 0,
    fees: 407,
    paidOut: 0,
    held: 1947,
  });
  const [sale] = await db().select().from(sales).where(eq(sales.paymentId, payment.id));
  expect(sale).toMatchObject({ status: "pending", price: 2050, sellerFee: 103, amountDue: 1947 });
});

test("a sale cancelled after its capture is refunded in full: refund and fee reversal, nothing held", async () => {
  const { order, payment } = await paidOrder(999);
  await cancelOrder(f, order, 5);
  await awaitEvents(f, "payment.refunded", order.id);
  await eventually(async () => (await ledgerBalance(db(), payment.id)).refunded > 0);
  // 9.99 + 1.00 + 0.99 = 11.98 back to the buyer; our fees given up.
  expect(await ledgerBalance(db(), payment.id)).toEqual({
    captured: 1198,
    refunded: 1198,
    fees: 0,
    paidOut: 0,
    held: 0,
  });
  const [sale] = await db().select().from(sales).where(eq(sales.paymentId, payment.id));
  expect(sale?.status).toBe("refunded");
});
