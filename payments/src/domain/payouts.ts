import { randomUUID } from "node:crypto";
import { addToOutbox, createEvent, type Executor, formatCents } from "@m-ticketing/common";
import { and, asc, eq, inArray, isNotNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { payments, payoutAccounts, type SaleStatus, sales } from "../db/schema";
import { PayPalApiError } from "../paypal/errors";
import type { PayPalPayoutBatch } from "../paypal/responses";
import type { PaymentDeps } from "./deps";
import { appendToLedger } from "./ledger";
import { noOpenPayoutHold } from "./payout-holds";

export interface PayoutSettings {
  /** A batch recorded as being sent but unconfirmed for this long is sent again (same ids). */
  resendAfterMs: number;
  /** FAILED items are retried (new item id) this many attempts in all; then the sale is parked. */
  maxAttempts: number;
  /** Sellers without a payout account are reminded at most this often (seconds). */
  reminderSeconds: number;
  /** Sales per batch. */
  batchSize?: number;
}

type SaleRow = typeof sales.$inferSelect;

/** PayPal item statuses after which the money is back with us (or never left). */
const RETURNED = new Set(["FAILED", "RETURNED", "BLOCKED", "REFUNDED", "REVERSED", "DENIED"]);
/** Of those, the ones a retry at the same address may fix (a temporary refusal). */
const RETRYABLE = new Set(["FAILED"]);

/** What the seller reads for a failed payout: PayPal's message, or the status in words. */
const STATUS_WORDS: Record<string, string> = {
  FAILED: "PayPal could not pay this address",
  RETURNED: "not claimed within 30 days; the money came back. Check your payout address",
  BLOCKED: "PayPal blocked this payout",
  REFUNDED: "the recipient refused the payout",
  REVERSED: "PayPal reversed the payout",
  DENIED: "PayPal refused the payout batch",
};

/** A sale the job may pay now: payable, no open hold, its payment standing, the seller has an account. */
const payableNow = (now: Date): SQL =>
  and(
    eq(sales.status, "pending"),
    isNotNull(sales.sellerId),
    lte(sales.payableAt, now),
    noOpenPayoutHold(sales.orderId),
    sql`exists (select 1 from ${payments} where ${payments.id} = ${sales.paymentId} and ${payments.status} = 'completed' and ${payments.refundReason} is null)`,
  )!;

/**
 * Step 1 (intent): in one transaction, takes up to `batchSize` payable sales of sellers
 * with a payout account (row locks, SKIP LOCKED: another replica takes others), gives
 * them one new `sender_batch_id` and each an item id `<paymentId>-<attempt>`, and marks
 * them `sending`. Committed before PayPal is called, so whatever happens next the same
 * ids are sent again, and PayPal pays each id once.
 */
export async function claimPayableSales(db: Executor, settings: PayoutSettings, now = new Date()) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ paymentId: sales.paymentId, attempts: sales.attempts, paypalEmail: payoutAccounts.paypalEmail })
      .from(sales)
      .innerJoin(payoutAccounts, eq(payoutAccounts.userId, sales.sellerId))
      .where(payableNow(now))
      .orderBy(asc(sales.payableAt))
      .limit(settings.batchSize ?? 100)
      .for("update", { of: sales, skipLocked: true });
    if (due.length === 0) return undefined;
    const senderBatchId = `payouts-${randomUUID()}`;
    for (const sale of due) {
      const attempt = sale.attempts + 1;
      await tx
        .update(sales)
        .set({
          status: "sending",
          attempts: attempt,
          senderBatchId,
          senderItemId: `${sale.paymentId}-${attempt}`,
          paidTo: sale.paypalEmail,
          payoutStatus: null,
          failureReason: null,
          leaseUntil: new Date(now.getTime() + settings.resendAfterMs),
          updatedAt: now,
        })
        .where(eq(sales.paymentId, sale.paymentId));
    }
    return senderBatchId;
  });
}

/**
 * Step 2: sends a recorded batch to PayPal and, in one transaction, records that PayPal
 * has it (`sent`, its batch id) with a `payout` ledger row per item. If the answer is lost
 * (time-out, crash before the commit) the rows stay `sending` and are sent again later
 * with the same ids: PayPal answers the first batch (same PayPal-Request-Id) or refuses the
 * used `sender_batch_id` with a link to it; either way it is recorded once, paid once.
 */
export async function sendBatch(deps: PaymentDeps, senderBatchId: string): Promise<void> {
  const { db, paypal, logger } = deps;
  const rows = await db
    .select()
    .from(sales)
    .where(and(eq(sales.senderBatchId, senderBatchId), eq(sales.status, "sending")))
    .orderBy(asc(sales.paymentId));
  if (rows.length === 0) return;
  let paypalBatchId: string;
  try {
    const created = await paypal.createPayoutBatch({
      senderBatchId,
      emailSubject: "You have a payout from Ticketing",
      items: rows.map((row) => ({
        senderItemId: row.senderItemId!,
        receiver: row.paidTo!,
        amount: formatCents(row.amountDue),
        currency: row.currency,
        note: row.title ? `Your ticket sale: ${row.title}`.slice(0, 4000) : "Your ticket sale",
      })),
    });
    paypalBatchId = created.batch_header.payout_batch_id;
  } catch (err) {
    const original = usedBatchLink(err);
    if (original) {
      paypalBatchId = original;
    } else if (err instanceof PayPalApiError && err.status < 500 && err.status !== 429 && err.status !== 409) {
      // PayPal refused the batch as such (e.g. an address it does not accept): no money moved.
      logger.error({ err, senderBatchId }, "PayPal refused a payout batch");
      const reason = `PayPal refused the payout: ${err.message}`;
      await db.transaction(async (tx) => {
        const refused = await tx
          .update(sales)
          .set({ status: "failed", failureReason: reason, leaseUntil: null, updatedAt: new Date() })
          .where(and(eq(sales.senderBatchId, senderBatchId), eq(sales.status, "sending")))
          .returning();
        for (const sale of refused) await addToOutbox(tx, payoutUpdated(sale, "failed", reason));
      });
      return;
    } else {
      logger.warn({ err, senderBatchId }, "payout batch not confirmed; it is sent again with the same ids");
      return;
    }
  }
  await db.transaction(async (tx) => {
    const sent = await tx
      .update(sales)
      .set({ status: "sent", paypalBatchId, sentAt: new Date(), leaseUntil: null, updatedAt: new Date() })
      .where(and(eq(sales.senderBatchId, senderBatchId), eq(sales.status, "sending")))
      .returning();
    for (const sale of sent) {
      await appendToLedger(tx, ledgerKey(sale), [
        { kind: "payout", amount: sale.amountDue, reference: sale.senderItemId! },
      ]);
    }
  });
  logger.info({ senderBatchId, paypalBatchId, items: rows.length }, "payout batch sent");
}

/** PayPal's answer to a `sender_batch_id` used before: the original batch's id, from its link. */
function usedBatchLink(err: unknown): string | undefined {
  if (!(err instanceof PayPalApiError) || err.issue !== "SENDER_BATCH_ID_ALREADY_USED") return undefined;
  const href = err.links.find((l) => l.rel === "self")?.href;
  return href?.split("/").pop();
}

/** `payment.payout-updated` for the seller's mail. */
const payoutUpdated = (sale: SaleRow, status: "paid" | "unclaimed" | "failed", reason: string | null) =>
  createEvent("payment.payout-updated", {
    userId: sale.sellerId!,
    paymentId: sale.paymentId,
    orderId: sale.orderId,
    title: sale.title,
    status,
    amount: sale.amountDue,
    currency: sale.currency,
    paypalEmail: sale.paidTo ?? "",
    reason,
  });

const ledgerKey = (sale: SaleRow) => ({ id: sale.paymentId, orderId: sale.orderId, currency: sale.currency });

/** Batches recorded as sending whose lease ran out (the sender crashed or never heard back): sent again. */
export async function resendUnconfirmedBatches(deps: PaymentDeps, settings: PayoutSettings, now = new Date()) {
  const stale = await deps.db
    .update(sales)
    .set({ leaseUntil: new Date(now.getTime() + settings.resendAfterMs) })
    .where(and(eq(sales.status, "sending"), lt(sales.leaseUntil, now)))
    .returning({ senderBatchId: sales.senderBatchId });
  const batches = [...new Set(stale.map((s) => s.senderBatchId!))];
  for (const batch of batches) await sendBatch(deps, batch);
  return batches.length;
}

/**
 * Step 3: follows payouts PayPal has (`sent`, and `unclaimed` ones, which become SUCCESS
 * when claimed or RETURNED after 30 days) by polling each batch, until each item is
 * final: `paid`; `unclaimed`; or back with us (FAILED, RETURNED, …): a `payout-reversal`
 * ledger row, then retried with a new item id (FAILED, up to maxAttempts) or parked as
 * `failed` with a reason the seller can read (a new payout address sends it again).
 * Each change is a conditional update, so two replicas apply it once.
 */
export async function followPayouts(deps: PaymentDeps, settings: PayoutSettings): Promise<number> {
  const { db, paypal, logger } = deps;
  const open = await db
    .selectDistinct({ paypalBatchId: sales.paypalBatchId })
    .from(sales)
    .where(and(inArray(sales.status, ["sent", "unclaimed"]), isNotNull(sales.paypalBatchId)))
    .limit(50);
  for (const { paypalBatchId } of open) {
    let batch: PayPalPayoutBatch;
    try {
      batch = await paypal.getPayoutBatch(paypalBatchId!);
    } catch (err) {
      logger.warn({ err, paypalBatchId }, "could not read a payout batch; will retry");
      continue;
    }
    for (const item of batch.items) {
      const senderItemId = item.payout_item.sender_item_id;
      if (!senderItemId || !item.transaction_status) continue;
      await applyItemStatus(db, settings, senderItemId, item.transaction_status, {
        paypalItemId: item.payout_item_id,
        message: item.errors?.message,
      });
    }
  }
  return open.length;
}

/** Applies one item's PayPal status to its sale (idempotent; the webhooks can call it too). */
export async function applyItemStatus(
  db: Executor,
  settings: Pick<PayoutSettings, "maxAttempts">,
  senderItemId: string,
  status: string,
  details: { paypalItemId?: string; message?: string } = {},
): Promise<SaleStatus | undefined> {
  return db.transaction(async (tx) => {
    const [sale] = await tx
      .select()
      .from(sales)
      .where(and(eq(sales.senderItemId, senderItemId), inArray(sales.status, ["sent", "unclaimed"])))
      .for("update");
    if (!sale) return undefined;
    const update = (set: Partial<SaleRow>) =>
      tx
        .update(sales)
        .set({
          payoutStatus: status,
          paypalItemId: details.paypalItemId ?? sale.paypalItemId,
          updatedAt: new Date(),
          ...set,
        })
        .where(eq(sales.paymentId, sale.paymentId));
    const announce = (outcome: "paid" | "unclaimed" | "failed", reason: string | null) =>
      addToOutbox(tx, payoutUpdated(sale, outcome, reason));
    if (status === "SUCCESS") {
      await update({ status: "paid", paidAt: new Date() });
      await announce("paid", null);
      return "paid";
    }
    if (status === "UNCLAIMED") {
      if (sale.status === "unclaimed") return "unclaimed";
      await update({ status: "unclaimed" });
      await announce(
        "unclaimed",
        `${sale.paidTo} has no PayPal account yet: PayPal keeps the money 30 days for it to be claimed`,
      );
      return "unclaimed";
    }
    if (!RETURNED.has(status)) {
      await update({}); // PENDING, ONHOLD…: still on its way
      return sale.status;
    }
    await appendToLedger(tx, ledgerKey(sale), [
      { kind: "payout-reversal", amount: sale.amountDue, reference: sale.senderItemId! },
    ]);
    const reason = `${STATUS_WORDS[status] ?? status}${details.message ? ` (${details.message})` : ""}`;
    if (RETRYABLE.has(status) && sale.attempts < settings.maxAttempts) {
      await update({ status: "pending", failureReason: reason });
      return "pending";
    }
    await update({ status: "failed", failureReason: reason });
    await announce("failed", reason);
    return "failed";
  });
}

/**
 * Sellers with sales ready to pay but no payout account: one `payment.payout-account-missing`
 * per seller per `reminderSeconds` (the conditional update decides across replicas).
 */
export async function remindSellersWithoutAccount(db: Executor, settings: PayoutSettings, now = new Date()) {
  const due = await db
    .selectDistinct({ sellerId: sales.sellerId })
    .from(sales)
    .where(
      and(
        payableNow(now),
        sql`not exists (select 1 from ${payoutAccounts} where ${payoutAccounts.userId} = ${sales.sellerId})`,
        or(
          sql`${sales.remindedAt} is null`,
          lt(sales.remindedAt, new Date(now.getTime() - settings.reminderSeconds * 1000)),
        ),
      ),
    )
    .limit(100);
  for (const { sellerId } of due) {
    await db.transaction(async (tx) => {
      const reminded = await tx
        .update(sales)
        .set({ remindedAt: now })
        .where(
          and(
            eq(sales.sellerId, sellerId!),
            payableNow(now),
            or(
              sql`${sales.remindedAt} is null`,
              lt(sales.remindedAt, new Date(now.getTime() - settings.reminderSeconds * 1000)),
            ),
          ),
        )
        .returning();
      if (reminded.length === 0) return;
      const currency = reminded[0]!.currency;
      const same = reminded.filter((s) => s.currency === currency);
      await addToOutbox(
        tx,
        createEvent("payment.payout-account-missing", {
          userId: sellerId!,
          sales: reminded.length,
          amountDue: same.reduce((sum, s) => sum + s.amountDue, 0),
          currency,
        }),
      );
    });
  }
  return due.length;
}

/** One pass of the payout job: reminders, new batches, unconfirmed batches again, then follow-ups. */
export async function runPayouts(deps: PaymentDeps, settings: PayoutSettings): Promise<void> {
  await remindSellersWithoutAccount(deps.db, settings);
  for (;;) {
    const batch = await claimPayableSales(deps.db, settings);
    if (!batch) break;
    await sendBatch(deps, batch);
  }
  await resendUnconfirmedBatches(deps, settings);
  await followPayouts(deps, settings);
}
