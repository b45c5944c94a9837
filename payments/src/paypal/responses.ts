import { z } from "zod";

/** The parts of PayPal's responses we read; anything else PayPal sends is ignored. */
const money = z.object({ currency_code: z.string(), value: z.string() });
const link = z.object({ href: z.string(), rel: z.string(), method: z.string().optional() });

export const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

export const captureResponse = z.object({
  id: z.string(),
  status: z.string(),
  amount: money.optional(),
  custom_id: z.string().optional(),
});

/** A refund as PayPal shows it in an order, a webhook or `GET /v2/payments/refunds/:id`. */
export const refundDetail = z.object({
  id: z.string(),
  status: z.string(),
  amount: money.optional(),
  links: z.array(link).optional(),
});

export const orderResponse = z.object({
  id: z.string(),
  status: z.string(),
  purchase_units: z
    .array(
      z.object({
        reference_id: z.string().optional(),
        custom_id: z.string().optional(),
        amount: money.optional(),
        payments: z
          .object({ captures: z.array(captureResponse).optional(), refunds: z.array(refundDetail).optional() })
          .optional(),
      }),
    )
    .optional(),
  links: z.array(link).optional(),
});

export const refundResponse = z.object({ id: z.string(), status: z.string() });

export const errorResponse = z
  .object({
    name: z.string().optional(),
    message: z.string().optional(),
    debug_id: z.string().optional(),
    details: z.array(z.object({ issue: z.string().optional(), description: z.string().optional() })).optional(),
    error: z.string().optional(),
    error_description: z.string().optional(),
    links: z.array(link).optional(),
  })
  .partial();

/** Payouts v1 amounts are `{currency, value}` (not v2's `currency_code`). */
const payoutAmount = z.object({ currency: z.string(), value: z.string() });

/** `POST /v1/payments/payouts` answer (asynchronous mode: the batch is PENDING). */
export const payoutBatchCreated = z.object({
  batch_header: z.object({ payout_batch_id: z.string(), batch_status: z.string() }),
});

/** `GET /v1/payments/payouts/:payout_batch_id`: the batch and each item's status. */
export const payoutBatchResponse = z.object({
  batch_header: z.object({ payout_batch_id: z.string(), batch_status: z.string() }),
  items: z
    .array(
      z.object({
        payout_item_id: z.string(),
        transaction_status: z.string().optional(),
        payout_item: z.object({ sender_item_id: z.string().optional(), amount: payoutAmount.optional() }).partial(),
        errors: z.object({ name: z.string().optional(), message: z.string().optional() }).optional(),
      }),
    )
    .default([]),
});
export type PayPalPayoutBatch = z.infer<typeof payoutBatchResponse>;

export type PayPalOrder = z.infer<typeof orderResponse>;
export type PayPalCapture = z.infer<typeof captureResponse>;
export type PayPalRefund = z.infer<typeof refundResponse>;
export type PayPalRefundDetail = z.infer<typeof refundDetail>;

export const verifySignatureResponse = z.object({ verification_status: z.string() });

/** The capture a refund belongs to: PayPal links it as `rel: "up"`. */
export function captureIdOfRefund(refund: PayPalRefundDetail): string | undefined {
  const up = refund.links?.find((l) => l.rel === "up")?.href;
  return up ? /\/captures\/([^/?#]+)$/.exec(up)?.[1] : undefined;
}

/** The approval URL of a new order: `approve` (classic) or `payer-action` (with `payment_source`). */
export function approvalLink(order: PayPalOrder): string | undefined {
  return order.links?.find((l) => l.rel === "approve" || l.rel === "payer-action")?.href;
}

/** The capture of a captured order (we always send one purchase unit and capture it once). */
export function captureOf(order: PayPalOrder): PayPalCapture | undefined {
  return order.purchase_units?.[0]?.payments?.captures?.[0];
}

/** "20.50" → 2050; anything that is not a plain amount with at most two decimals → null. */
export function toCents(value: string | undefined): number | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value ?? "");
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
