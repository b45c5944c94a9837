import {
  addToOutbox,
  ConflictError,
  type CurrentUser,
  createEvent,
  type Executor,
  ForbiddenError,
  NotFoundError,
  UnsupportedMediaTypeError,
} from "@m-ticketing/common";
import { and, desc, eq, or } from "drizzle-orm";
import { type ClaimReason, claimPhotos, claims, payments, sales, sellerFlags } from "../db/schema";
import type { PaymentDeps } from "./deps";
import { holdPayout, releasePayoutHold } from "./payout-holds";
import { refundPayment } from "./refund-payment";

export type ClaimRow = typeof claims.$inferSelect;
type SaleRow = typeof sales.$inferSelect;

/** Sale statuses after which the seller has (or is being) paid: too late to hold the payout. */
const PAID_OUT = new Set(["sending", "sent", "paid", "unclaimed"]);

/** The last moment a buyer may open a claim: CLAIM_WINDOW after the event starts (no start known: no limit). */
export const claimableUntil = (sale: Pick<SaleRow, "eventStartsAt">, windowSeconds: number): Date | null =>
  sale.eventStartsAt ? new Date(sale.eventStartsAt.getTime() + windowSeconds * 1000) : null;

/** Why this buyer cannot open a claim on this sale now, or null when they can. */
export function whyNotClaimable(
  sale: SaleRow,
  payment: { status: string },
  windowSeconds: number,
  now = new Date(),
): string | null {
  if (sale.status === "refunded" || payment.status === "refunded") return "this order was refunded";
  if (PAID_OUT.has(sale.status)) return "the seller has already been paid; contact support";
  const until = claimableUntil(sale, windowSeconds);
  if (until && now > until) return `claims for this order closed at ${until.toISOString()}`;
  return null;
}

const claimEventData = (claim: ClaimRow) => ({
  id: claim.id,
  orderId: claim.orderId,
  buyerId: claim.buyerId,
  sellerId: claim.sellerId,
});

/**
 * The buyer opens a claim on their paid order: one per order, from payment until
 * CLAIM_WINDOW after the event starts, and only while the payout is still held. In one
 * transaction (the sale row locked, so the payout job cannot take it meanwhile): the
 * claim, a `claim` hold on the payout and `payment.claim-opened`.
 */
export async function openClaim(
  db: Executor,
  buyer: CurrentUser,
  input: { orderId: string; reason: ClaimReason; message: string },
  windowSeconds: number,
): Promise<ClaimRow> {
  return db.transaction(async (tx) => {
    const [sale] = await tx.select().from(sales).where(eq(sales.orderId, input.orderId)).for("update");
    if (!sale || sale.buyerId !== buyer.id) throw new NotFoundError("No paid order of yours with this id");
    const [payment] = await tx.select().from(payments).where(eq(payments.id, sale.paymentId));
    const [existing] = await tx.select({ id: claims.id }).from(claims).where(eq(claims.orderId, input.orderId));
    if (existing) throw new ConflictError("A claim was already opened for this order", "orderId");
    const why = whyNotClaimable(sale, payment!, windowSeconds);
    if (why) throw new ConflictError(`No claim can be opened: ${why}`, "orderId");
    const [claim] = await tx
      .insert(claims)
      .values({
        orderId: sale.orderId,
        paymentId: sale.paymentId,
        buyerId: buyer.id,
        sellerId: sale.sellerId,
        reason: input.reason,
        message: input.message,
      })
      .returning();
    await holdPayout(tx, { orderId: sale.orderId, reason: "claim", sourceId: claim!.id, note: input.reason });
    await addToOutbox(
      tx,
      createEvent("payment.claim-opened", { ...claimEventData(claim!), reason: claim!.reason, title: sale.title }),
    );
    return claim!;
  });
}

/** A claim the user may see: its buyer, its seller, or an administrator. */
export async function findClaimFor(db: Executor, user: CurrentUser, claimId: string): Promise<ClaimRow> {
  const [claim] = await db.select().from(claims).where(eq(claims.id, claimId));
  if (!claim || (claim.buyerId !== user.id && claim.sellerId !== user.id && user.admin !== true)) {
    throw new NotFoundError("Claim not found");
  }
  return claim;
}

/** The seller answers an open claim (the answer can be rewritten until the decision). */
export async function answerClaim(
  db: Executor,
  seller: CurrentUser,
  claimId: string,
  message: string,
): Promise<ClaimRow> {
  return db.transaction(async (tx) => {
    const [claim] = await tx.select().from(claims).where(eq(claims.id, claimId)).for("update");
    if (!claim || (claim.sellerId !== seller.id && claim.buyerId !== seller.id)) {
      throw new NotFoundError("Claim not found");
    }
    if (claim.sellerId !== seller.id) throw new ForbiddenError("Only the seller answers a claim");
    if (claim.status !== "open") throw new ConflictError("This claim was already decided", "status");
    const [answered] = await tx
      .update(claims)
      .set({ sellerAnswer: message, answeredAt: new Date() })
      .where(eq(claims.id, claimId))
      .returning();
    await addToOutbox(tx, createEvent("payment.claim-answered", claimEventData(answered!)));
    return answered!;
  });
}

/**
 * An administrator decides an open claim.
 * `refund`: the payment is marked for refund (`claim-upheld`: the whole capture, price +
 * service fee), the seller flagged and the decision recorded with `payment.claim-decided`
 * in one transaction; then the refund is made at PayPal at once (the janitor retries it if
 * PayPal is down), which records it in the ledger, closes the sale as `refunded` and
 * publishes `payment.refunded`. The payout stays held.
 * `reject`: the claim's hold is released, so the payout goes ahead.
 */
export async function decideClaim(
  deps: PaymentDeps,
  admin: CurrentUser,
  claimId: string,
  input: { decision: "refund" | "reject"; note?: string },
): Promise<ClaimRow> {
  const decided = await deps.db.transaction(async (tx) => {
    const [claim] = await tx.select().from(claims).where(eq(claims.id, claimId)).for("update");
    if (!claim) throw new NotFoundError("Claim not found");
    if (claim.status !== "open") throw new ConflictError("This claim was already decided", "status");
    const [payment] = await tx.select().from(payments).where(eq(payments.id, claim.paymentId)).for("update");
    const refund = input.decision === "refund";
    if (refund && payment!.status === "refunded") {
      throw new ConflictError("This payment was already refunded (at PayPal?); reject the claim instead", "decision");
    }
    const [row] = await tx
      .update(claims)
      .set({
        status: refund ? "refunded" : "rejected",
        decidedBy: admin.id,
        decidedAt: new Date(),
        decisionNote: input.note ?? null,
        refundAmount: refund ? payment!.amount : 0,
      })
      .where(eq(claims.id, claimId))
      .returning();
    if (refund) {
      await tx
        .update(payments)
        .set({ refundReason: "claim-upheld" })
        .where(and(eq(payments.id, payment!.id), eq(payments.status, "completed")));
      if (claim.sellerId) {
        await tx
          .insert(sellerFlags)
          .values({ claimId: claim.id, sellerId: claim.sellerId, reason: `claim upheld: ${claim.reason}` })
          .onConflictDoNothing();
      }
    } else {
      await releasePayoutHold(tx, "claim", claim.id);
    }
    await addToOutbox(
      tx,
      createEvent("payment.claim-decided", {
        ...claimEventData(row!),
        decision: refund ? "refunded" : "rejected",
        refundAmount: row!.refundAmount ?? 0,
      }),
    );
    return row!;
  });
  if (decided.status === "refunded") {
    await refundPayment(deps, decided.paymentId).catch((err) =>
      deps.logger.warn({ err, claimId, paymentId: decided.paymentId }, "claim refund failed; the janitor retries"),
    );
  }
  return decided;
}

/** The user's claims, as buyer or seller (optionally of one order), newest first. */
export function listClaimsOf(db: Executor, userId: string, orderId?: string) {
  const mine = or(eq(claims.buyerId, userId), eq(claims.sellerId, userId));
  return db
    .select()
    .from(claims)
    .where(orderId ? and(mine, eq(claims.orderId, orderId)) : mine)
    .orderBy(desc(claims.createdAt))
    .limit(100);
}

/** For administrators: claims by status (open ones oldest first, to be decided in order). */
export function listClaimsByStatus(db: Executor, status: ClaimRow["status"]) {
  return db
    .select()
    .from(claims)
    .where(eq(claims.status, status))
    .orderBy(status === "open" ? claims.createdAt : desc(claims.createdAt))
    .limit(200);
}

/** The sale of an order, for the buyer: whether and until when a claim can be opened. */
export async function claimWindowOf(db: Executor, buyerId: string, orderId: string, windowSeconds: number) {
  const [sale] = await db.select().from(sales).where(eq(sales.orderId, orderId));
  if (!sale || sale.buyerId !== buyerId) return null;
  const [payment] = await db.select().from(payments).where(eq(payments.id, sale.paymentId));
  const until = claimableUntil(sale, windowSeconds);
  const [existing] = await db.select({ id: claims.id }).from(claims).where(eq(claims.orderId, orderId));
  if (existing) return { until, notClaimable: "a claim was already opened for this order" };
  return { until, notClaimable: payment ? whyNotClaimable(sale, payment, windowSeconds) : "unknown payment" };
}

/** Whether the seller has had claims upheld against them (shown to administrators). */
export async function flagsOf(db: Executor, sellerId: string | null): Promise<number> {
  if (!sellerId) return 0;
  return (await db.select().from(sellerFlags).where(eq(sellerFlags.sellerId, sellerId))).length;
}

/** A claim as the API shows it; `paymentStatus` says whether an upheld refund has reached the buyer. */
export function toClaimResponse(
  claim: ClaimRow,
  extra: { paymentStatus?: string; sellerFlags?: number; hasPhoto?: boolean } = {},
) {
  return {
    id: claim.id,
    orderId: claim.orderId,
    buyerId: claim.buyerId,
    sellerId: claim.sellerId,
    reason: claim.reason,
    message: claim.message,
    status: claim.status,
    sellerAnswer: claim.sellerAnswer,
    answeredAt: claim.answeredAt?.toISOString() ?? null,
    decisionNote: claim.decisionNote,
    decidedAt: claim.decidedAt?.toISOString() ?? null,
    refundAmount: claim.refundAmount === null ? null : (claim.refundAmount / 100).toFixed(2),
    createdAt: claim.createdAt.toISOString(),
    ...extra,
  };
}

/** A claim's photo: JPEG or PNG, at most this many bytes. */
export const CLAIM_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** The image type by its first bytes (never by what the browser says it is). */
export function claimPhotoType(bytes: Buffer): "image/jpeg" | "image/png" | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return "image/png";
  }
  return null;
}

/** The buyer adds the (one, optional) photo to their open claim. */
export async function addClaimPhoto(db: Executor, buyer: CurrentUser, claimId: string, bytes: Buffer): Promise<void> {
  const [claim] = await db.select().from(claims).where(eq(claims.id, claimId));
  if (!claim || claim.buyerId !== buyer.id) throw new NotFoundError("Claim not found");
  if (claim.status !== "open") throw new ConflictError("This claim was already decided", "photo");
  const contentType = claimPhotoType(bytes);
  if (!contentType) throw new UnsupportedMediaTypeError("The photo must be a JPEG or PNG image", "photo");
  const inserted = await db
    .insert(claimPhotos)
    .values({ claimId, contentType, bytes })
    .onConflictDoNothing()
    .returning({ claimId: claimPhotos.claimId });
  if (inserted.length === 0) throw new ConflictError("This claim already has a photo", "photo");
}

/** The photo of a claim the user may see (buyer, seller, admin). */
export async function findClaimPhoto(db: Executor, user: CurrentUser, claimId: string) {
  await findClaimFor(db, user, claimId);
  const [photo] = await db.select().from(claimPhotos).where(eq(claimPhotos.claimId, claimId));
  if (!photo) throw new NotFoundError("This claim has no photo");
  return photo;
}

export async function hasClaimPhoto(db: Executor, claimId: string): Promise<boolean> {
  return (
    (await db.select({ id: claimPhotos.claimId }).from(claimPhotos).where(eq(claimPhotos.claimId, claimId))).length > 0
  );
}
