import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { Faults } from "./faults";
import { IdempotencyCache } from "./idempotency";
import { type ItemStatus, itemView, PayoutStore } from "./payouts";
import { PayPalError, sendPayPalError } from "./paypal-error";
import { checkoutPageRouter } from "./routes/checkout-page";
import { emulatorAdminRouter } from "./routes/emulator-admin";
import { certRouter, notificationsRouter } from "./routes/notifications";
import { type Credentials, oauthRouter } from "./routes/oauth";
import { ordersRouter } from "./routes/orders";
import { paymentsRouter } from "./routes/payments";
import { payoutsRouter } from "./routes/payouts";
import { Store } from "./store";
import { TokenIssuer } from "./tokens";
import { Webhooks } from "./webhooks";

export interface EmulatorOptions extends Credentials {
  /** The emulator's own URL as browsers and callers reach it; used in `links`. */
  publicUrl: string;
  tokenTtlSeconds: number;
  /** Mount the test controls (emulator-admin.ts). Nobody but a test may approve or inject faults. */
  admin?: boolean;
  /** A webhook subscribed to every event from the start (WEBHOOK_URL, WEBHOOK_ID). */
  webhook?: { url?: string; id?: string };
}

export interface Emulator {
  app: Express;
  store: Store;
  payouts: PayoutStore;
  webhooks: Webhooks;
  faults: Faults;
  tokens: TokenIssuer;
}

/** The webhook PayPal sends when a payout item reaches each status (none for PENDING and REVERSED). */
const ITEM_EVENT_TYPES: Partial<Record<ItemStatus, string>> = {
  SUCCESS: "PAYMENT.PAYOUTS-ITEM.SUCCEEDED",
  FAILED: "PAYMENT.PAYOUTS-ITEM.FAILED",
  UNCLAIMED: "PAYMENT.PAYOUTS-ITEM.UNCLAIMED",
  RETURNED: "PAYMENT.PAYOUTS-ITEM.RETURNED",
  ONHOLD: "PAYMENT.PAYOUTS-ITEM.HELD",
  BLOCKED: "PAYMENT.PAYOUTS-ITEM.BLOCKED",
  REFUNDED: "PAYMENT.PAYOUTS-ITEM.REFUNDED",
};

/** Only PayPal's REST API (`/v1`, `/v2`) is subject to faults and the request log. */
const apiOnly =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    /^\/v[12]\//.test(req.path) ? handler(req, res, next) : next();

const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof PayPalError) return sendPayPalError(res, err.errorName, err.details, err.links);
  if ((err as { type?: string }).type === "entity.parse.failed") {
    return sendPayPalError(res, "INVALID_REQUEST", [
      { issue: "MALFORMED_REQUEST_JSON", description: "The request JSON is not well formed.", location: "body" },
    ]);
  }
  console.error("paypal-emulator: unexpected error", err);
  sendPayPalError(res, "INTERNAL_SERVER_ERROR");
};

/** The emulator as an Express app over an in-memory store (see README.md for the API). */
export function createEmulator(options: EmulatorOptions): Emulator {
  const base = options.publicUrl.replace(/\/$/, "");
  const store = new Store();
  const faults = new Faults();
  // Outcomes chosen by the receiver's address are a test control too.
  const payouts = new PayoutStore(options.admin === true);
  const webhooks = new Webhooks(base, options.webhook);
  payouts.onItemChange((item) => {
    const type = ITEM_EVENT_TYPES[item.status];
    if (type)
      webhooks.emit(type, "payouts_item", itemView(item, base), `A payout item has ${item.status.toLowerCase()}`);
  });
  const tokens = new TokenIssuer(options.tokenTtlSeconds);
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use(express.json({ limit: "1mb" }));
  app.use(checkoutPageRouter(store));
  if (options.admin) app.use(emulatorAdminRouter({ store, payouts, webhooks, faults, tokens }, base));
  app.use(certRouter(webhooks));
  app.use(apiOnly(faults.middleware()));
  app.use(oauthRouter(options, tokens));
  app.use(apiOnly(tokens.requireBearer()));
  app.use(apiOnly(new IdempotencyCache().middleware()));
  app.use(ordersRouter(store, webhooks, base));
  app.use(paymentsRouter(store, webhooks, base));
  app.use(notificationsRouter(webhooks, base));
  app.use(payoutsRouter(payouts, base));
  app.use((_req, res) => sendPayPalError(res, "RESOURCE_NOT_FOUND"));
  app.use(errorHandler);
  return { app, store, payouts, webhooks, faults, tokens };
}
