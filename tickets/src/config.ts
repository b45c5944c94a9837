import path from "node:path";
import {
  baseConfigSchema,
  feeConfigShape,
  feePolicyOf,
  parseConfig,
  refineSellerConfig,
  sellerConfigShape,
} from "@m-ticketing/common";
import { z } from "zod";

/** Used only outside production, so `npm start` and the tests work without setting a secret. */
const DEVELOPMENT_BARCODE_KEY = "development-only-barcode-key-not-for-production";

export const ticketsConfigSchema = baseConfigSchema
  .extend({
    ...feeConfigShape,
    ...sellerConfigShape,
    /** ISO 4217 code of new events (and so of their listings) unless the event names its own. */
    CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD")
      .default("USD"),
    /** Asking price ≤ face value × PRICE_CAP_PERCENT / 100 (TicketSwap: 120 in most countries). */
    PRICE_CAP_PERCENT: z.coerce.number().int().min(100).max(1000).default(120),
    /** Where sellers' ticket files are kept when Cloudinary is not configured (a volume in containers). */
    TICKET_FILE_DIR: z.string().default(".local/ticket-files"),
    /** `cloudinary://key:secret@cloud`: ticket files go to Cloudinary as authenticated (private) assets. */
    CLOUDINARY_URL: z
      .string()
      .regex(/^cloudinary:\/\/[^:]+:[^@]+@[^/?]+/, "cloudinary://<api_key>:<api_secret>@<cloud_name>")
      .optional(),
    CLOUDINARY_TICKET_FOLDER: z.string().default("ticket-files"),
    /** Largest ticket file accepted (bytes). */
    TICKET_FILE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(20 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    /** PDFs with more pages are refused (an e-ticket is a page or two; this bounds the rendering work). */
    TICKET_PDF_MAX_PAGES: z.coerce.number().int().min(1).max(50).default(4),
    /** How long reading the barcode from one file may take before it is given up (ms). */
    TICKET_SCAN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
    /** Secret for the barcode's keyed hash and its encryption; required in production. */
    TICKET_BARCODE_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    /** How long a public listing page is served from memory (at most 1 s; 0: never). */
    LISTING_CACHE_MS: z.coerce.number().int().min(0).max(1000).default(1000),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === "production" && !config.TICKET_BARCODE_KEY) {
      ctx.addIssue({ code: "custom", path: ["TICKET_BARCODE_KEY"], message: "must be set in production" });
    }
    refineSellerConfig(config, ctx);
  });

export type TicketsConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseConfig(ticketsConfigSchema, env);
  return {
    ...config,
    fees: feePolicyOf(config),
    ticketFileDir: path.resolve(config.TICKET_FILE_DIR),
    barcodeKey: config.TICKET_BARCODE_KEY ?? DEVELOPMENT_BARCODE_KEY,
  };
}
