import {
  baseConfigSchema,
  durationSetting,
  durationToSeconds,
  feeConfigShape,
  feePolicyOf,
  parseConfig,
  refineSellerConfig,
  sellerConfigShape,
} from "@m-ticketing/common";
import { z } from "zod";

export const paymentsConfigSchema = baseConfigSchema
  .extend({
    ...feeConfigShape,
    /** PAYOUT_DELAY (a sale is paid out this long after its event starts) and seller verification. */
    ...sellerConfigShape,
    /**
     * Buyer protection: a buyer may open a claim from payment until this long after the event
     * starts (`48h`, `2d`, or seconds). Keep it no longer than PAYOUT_DELAY: once a sale's
     * payout has been sent, a claim can no longer be opened on it.
     */
    CLAIM_WINDOW: durationSetting("48h"),
    /** How often the payout job looks for sales to pay and follows payouts in flight. */
    PAYOUT_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
    /** A payout recorded as being sent but not confirmed for this long is sent again (same ids: paid once). */
    PAYOUT_RESEND_AFTER_MS: z.coerce.number().int().min(0).max(86_400_000).default(120_000),
    /** PayPal-side failures (FAILED, RETURNED, BLOCKED…) retried this many times before the sale is parked. */
    PAYOUT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    /** Sellers with sales waiting for a payout account are reminded at most this often. */
    PAYOUT_REMINDER_INTERVAL: durationSetting("24h", "24h"),
    /** PayPal's REST API; the local emulator (http://127.0.0.1:3009) in development and tests. */
    PAYPAL_API_BASE: z.url().default("https://api-m.sandbox.paypal.com"),
    PAYPAL_CLIENT_ID: z.string().min(1),
    PAYPAL_CLIENT_SECRET: z.string().min(1),
    /** Per attempt; a call is tried at most 1 + PAYPAL_MAX_RETRIES times. */
    PAYPAL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    PAYPAL_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
    /** Shown to the buyer on PayPal's approval page. */
    PAYPAL_BRAND_NAME: z.string().min(1).max(127).default("Ticketing"),
    /** The site's origin as browsers see it (the gateway): where PayPal may send buyers back to. */
    PUBLIC_URL: z.url().default("http://localhost:8080"),
    /**
     * Comma-separated origins (e.g. `https://tickets.example.com`) that create-order's
     * `returnUrl` / `cancelUrl` must be on, since PayPal sends the buyer there; unset = the
     * origin of PUBLIC_URL (never "any": that would make us an open redirect).
     */
    ALLOWED_RETURN_ORIGINS: z
      .string()
      .transform((value) =>
        value
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url().transform((url) => new URL(url).origin)))
      .optional(),
    /** How often pending refunds and captures in doubt are retried. */
    JANITOR_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
    /**
     * The id PayPal gave our webhook (developer dashboard, or `POST /v1/notifications/webhooks`):
     * every delivery is checked with PayPal's verify-webhook-signature for this id. Unset = the
     * webhook route refuses everything (503), since nothing could be verified.
     */
    PAYPAL_WEBHOOK_ID: z.string().min(1).max(64).optional(),
    /** How often payments compares its captures with PayPal for a refund a webhook missed (nightly). */
    RECONCILE_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(50)
      .max(7 * 86_400_000)
      .default(86_400_000),
    /** A capture with no answer from PayPal for this long is checked with PayPal (GET order). */
    CAPTURE_IN_DOUBT_AFTER_MS: z.coerce.number().int().min(0).max(86_400_000).default(120_000),
  })
  .superRefine(refineSellerConfig);

export type PaymentsConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseConfig(paymentsConfigSchema, env);
  return {
    ...config,
    fees: feePolicyOf(config),
    payoutDelaySeconds: durationToSeconds(config.PAYOUT_DELAY),
    claimWindowSeconds: durationToSeconds(config.CLAIM_WINDOW),
    payoutReminderSeconds: durationToSeconds(config.PAYOUT_REMINDER_INTERVAL),
    allowedReturnOrigins: config.ALLOWED_RETURN_ORIGINS ?? [new URL(config.PUBLIC_URL).origin],
  };
}
