import { BadGatewayError, BadRequestError, type Executor, ServiceUnavailableError } from "@m-ticketing/common";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { payments, paypalWebhookEvents } from "../db/schema";
import { captureIdOfRefund, refundDetail, toCents } from "../paypal/responses";
import type { PaymentDeps } from "./deps";
import { holdPayout, releasePayoutHold } from "./payout-holds";
import { applyItemStatus, type PayoutSettings } from "./payouts";
import { isOurRefund, recordPayPalSideRefund } from "./paypal-side-refund";

/** PayPal's delivery headers, as Express lower-cases them. */
export const WEBHOOK_HEADERS = {
  transmissionId: "paypal-transmission-id",
  transmissionTime: "paypal-transmission-time",
  transmissionSig: "paypal-transmission-sig",
  certUrl: "paypal-cert-url",
  authAlgo: "paypal-auth-algo",
} as const;

export type WebhookHeaders = Record<keyof typeof WEBHOOK_HEADERS, string>;

const webhookEvent = z.object({
  id: z.string().min(1).max(128),
  event_type: z.string().min(1).max(128),
  resource: z.unknown(),
});

const dispute = z.object({
  dispute_id: z.string(),
  reason: z.string().optional(),
  dispute_outcome: z.object({ outcome_code: z.string().optional() }).optional(),
  disputed_transactions: z.array(z.object({ seller_transaction_id: z.string().optional() })).optional(),
});

const payoutItem = z.object({
  payout_item_id: z.string(),
  transaction_status: z.string(),
  payout_item: z.object({ sender_item_id: z.string().optional() }).optional(),
  errors: z.object({ message: z.string().optional() }).optional(),
});

export type WebhookOutcome = "recorded" | "ours" | "unknown-capture" | "ignored" | "duplicate" | "payout-item";

/**
 * A delivery to our webhook: checked with PayPal (verify-webhook-signature for our
 * webhook id; anything else is refused before it is read), then applied once per PayPal
 * event id in one transaction with the record of that id, so a redelivery changes nothing.
 */
export async function receivePayPalWebhook(
  deps: PaymentDeps,
  webhookId: string | undefined,
  headers: WebhookHeaders,
  body: unknown,
  payoutSettings: Pick<PayoutSettings, "maxAttempts">,
): Promise<WebhookOutcome> {
  if (!webhookId) throw new ServiceUnavailableError("PayPal webhooks are not configured (PAYPAL_WEBHOOK_ID)");
  const parsed = webhookEvent.safeParse(body);
  if (!parsed.success) throw new BadRequestError("The body is not a PayPal webhook event", "body");
  const valid = await deps.paypal.verifyWebhookSignature({ ...headers, webhookId, event: body }).catch((err) => {
    deps.logger.warn({ err, eventId: parsed.data.id }, "PayPal's signature check failed; PayPal will redeliver");
    throw new BadGatewayError("PayPal could not verify the webhook; deliver it again");
  });
  if (!valid) {
    deps.logger.warn(
      { eventId: parsed.data.id, transmissionId: headers.transmissionId },
      "PayPal webhook refused: signature not verified",
    );
    throw new BadRequestError("The webhook signature could not be verified", "PAYPAL-TRANSMISSION-SIG");
  }
  const event = parsed.data;
  return deps.db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(paypalWebhookEvents)
      .values({ id: event.id, eventType: event.event_type, transmissionId: headers.transmissionId, outcome: "pending" })
      .onConflictDoNothing()
      .returning({ id: paypalWebhookEvents.id });
    if (!fresh) return "duplicate";
    const { outcome, resourceId } = await applyEvent(tx, event.event_type, event.resource, payoutSettings);
    await tx.update(paypalWebhookEvents).set({ outcome, resourceId }).where(eq(paypalWebhookEvents.id, event.id));
    deps.logger.info({ eventId: event.id, type: event.event_type, outcome, resourceId }, "PayPal webhook applied");
    return outcome;
  });
}

async function paymentByCapture(tx: Executor, captureId: string | undefined) {
  if (!captureId) return undefined;
  const [payment] = await tx.select().from(payments).where(eq(payments.captureId, captureId)).for("update");
  return payment;
}

async function applyEvent(
  tx: Executor,
  type: string,
  resource: unknown,
  payoutSettings: Pick<PayoutSettings, "maxAttempts">,
): Promise<{ outcome: WebhookOutcome; resourceId?: string }> {
  if (type === "PAYMENT.CAPTURE.REFUNDED" || type === "PAYMENT.CAPTURE.REVERSED") {
    const refund = refundDetail.safeParse(resource);
    if (!refund.success) return { outcome: "ignored" };
    const resourceId = refund.data.id;
    const payment = await paymentByCapture(tx, captureIdOfRefund(refund.data));
    if (!payment) return { outcome: "unknown-capture", resourceId };
    if (isOurRefund(payment, refund.data.id)) return { outcome: "ours", resourceId };
    await recordPayPalSideRefund(tx, payment, {
      refundId: refund.data.id,
      kind: type === "PAYMENT.CAPTURE.REVERSED" ? "reversal" : "refund",
      amount: toCents(refund.data.amount?.value) ?? payment.amount,
      currency: refund.data.amount?.currency_code ?? payment.currency,
      source: "webhook",
    });
    return { outcome: "recorded", resourceId };
  }
  if (type === "CUSTOMER.DISPUTE.CREATED") {
    const parsed = dispute.safeParse(resource);
    if (!parsed.success) return { outcome: "ignored" };
    const resourceId = parsed.data.dispute_id;
    const captureId = parsed.data.disputed_transactions?.find((t) => t.seller_transaction_id)?.seller_transaction_id;
    const payment = await paymentByCapture(tx, captureId);
    if (!payment) return { outcome: "unknown-capture", resourceId };
    await holdPayout(tx, {
      orderId: payment.orderId,
      reason: "paypal-dispute",
      sourceId: resourceId,
      note: `dispute at PayPal: ${parsed.data.reason ?? "no reason given"}`,
    });
    return { outcome: "recorded", resourceId };
  }
  if (type === "CUSTOMER.DISPUTE.RESOLVED") {
    // Won by the seller: the dispute's hold goes. Won by the buyer: PayPal's refund or
    // reversal arrives as its own event and holds the payout by itself; the hold stays.
    const parsed = dispute.safeParse(resource);
    if (!parsed.success) return { outcome: "ignored" };
    if (parsed.data.dispute_outcome?.outcome_code === "RESOLVED_SELLER_FAVOUR") {
      await releasePayoutHold(tx, "paypal-dispute", parsed.data.dispute_id);
    }
    return { outcome: "recorded", resourceId: parsed.data.dispute_id };
  }
  if (type.startsWith("PAYMENT.PAYOUTS-ITEM.")) {
    // The same step as the payout job's polling (idempotent; whichever comes first applies it).
    const parsed = payoutItem.safeParse(resource);
    const senderItemId = parsed.data?.payout_item?.sender_item_id;
    if (!parsed.success || !senderItemId) return { outcome: "ignored" };
    await applyItemStatus(tx, payoutSettings, senderItemId, parsed.data.transaction_status, {
      paypalItemId: parsed.data.payout_item_id,
      message: parsed.data.errors?.message,
    });
    return { outcome: "payout-item", resourceId: parsed.data.payout_item_id };
  }
  return { outcome: "ignored" };
}
