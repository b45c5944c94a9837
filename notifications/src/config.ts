import {
  baseConfigSchema,
  durationToSeconds,
  feeConfigShape,
  feePolicyOf,
  parseConfig,
  sellerConfigShape,
} from "@m-ticketing/common";
import { z } from "zod";

const ms = z.coerce.number().int().min(1);

export const notificationsConfigSchema = baseConfigSchema.extend({
  /** The fees (shared with tickets and payments): "You sold" shows the seller's fee and what they receive. */
  ...feeConfigShape,
  /** PAYOUT_DELAY, shared with payments: "You sold" names the payout date. */
  PAYOUT_DELAY: sellerConfigShape.PAYOUT_DELAY,
  /**
   * Where mail goes: `smtp://host:port` or `smtps://user:pass@host:465`. The default is the
   * local mail catcher `npm start` runs, so nothing leaves the machine unless you set it.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL")
    .default("smtp://127.0.0.1:1025"),
  /** The From of every mail: `Name <address>` or an address. */
  MAIL_FROM: z.string().min(3).default("Ticketing <no-reply@ticketing.local>"),
  /** The site as browsers see it: every link in a mail starts with it. */
  PUBLIC_URL: z.url().default("http://localhost:8080"),
  /** Product name in subjects, greetings and footers. */
  PRODUCT_NAME: z.string().min(1).default("Ticketing"),
  /** Key of the signatures in mailed links (shared with auth); derived from JWT_KEY when unset. */
  MAIL_LINK_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** How often the mail queue is looked at for mail due. */
  MAIL_POLL_MS: ms.default(1000),
  /** First wait after a failed send (SMTP down, 4xx); doubles per attempt … */
  MAIL_RETRY_BASE_MS: ms.default(2000),
  /** … up to this. */
  MAIL_RETRY_MAX_MS: ms.default(10 * 60 * 1000),
  /** "Your reservation is about to expire" goes out this long before `expiresAt`. */
  REMINDER_LEAD_SECONDS: z.coerce
    .number()
    .int()
    .min(30)
    .default(5 * 60),
});

export type NotificationsConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseConfig(notificationsConfigSchema, env);
  return {
    ...config,
    publicUrl: config.PUBLIC_URL.replace(/\/+$/, ""),
    fees: feePolicyOf(config),
    payoutDelaySeconds: durationToSeconds(config.PAYOUT_DELAY),
  };
}
