import {
  routeAliases,
  type ServiceContext,
  ServiceHost,
  type ServiceOptions,
  serviceModule,
} from "@m-ticketing/common";
import { loadConfig, type PaymentsConfig } from "./config";
import { migrationsFolder, type PaymentsSchema, schema } from "./db";
import type { PaymentDeps } from "./domain/deps";
import { orderCancelledListener } from "./events/order-cancelled-listener";
import { orderCompletedListener } from "./events/order-completed-listener";
import { orderCreatedListener } from "./events/order-created-listener";
import { paymentJanitor } from "./jobs/payment-janitor";
import { payoutJob } from "./jobs/payout-job";
import { paypalReconciler } from "./jobs/paypal-reconciler";
import { PayPalClient } from "./paypal/client";
import { captureRouter } from "./routes/capture";
import { claimsRouter } from "./routes/claims";
import { createOrderRouter } from "./routes/create-order";
import { listPaymentsRouter } from "./routes/list-payments";
import { payoutAccountRouter } from "./routes/payout-account";
import { paypalWebhookRouter } from "./routes/paypal-webhook";
import { salesRouter } from "./routes/sales";
import { seedAliases } from "./routes/seed-aliases";

/** Wires the payments service: the orders replica, PayPal checkout and refunds, the janitor. */
export function createPaymentsService(config: PaymentsConfig, options: ServiceOptions = {}) {
  let deps: PaymentDeps | undefined;
  // The host creates the database and logger at start; everything shares one PayPal client (one token cache).
  const depsOf = (ctx: ServiceContext<PaymentsSchema>): PaymentDeps => {
    deps ??= {
      db: ctx.database.db,
      logger: ctx.logger,
      fees: config.fees,
      payoutDelaySeconds: config.payoutDelaySeconds,
      sellerEmailVerification: config.SELLER_EMAIL_VERIFICATION,
      paypal: new PayPalClient({
        baseUrl: config.PAYPAL_API_BASE,
        clientId: config.PAYPAL_CLIENT_ID,
        clientSecret: config.PAYPAL_CLIENT_SECRET,
        timeoutMs: config.PAYPAL_TIMEOUT_MS,
        maxRetries: config.PAYPAL_MAX_RETRIES,
        logger: ctx.logger.child({ component: "paypal" }),
      }),
    };
    return deps;
  };
  return new ServiceHost({
    name: "payments",
    config,
    schema,
    migrationsFolder,
    routes: (ctx) => [
      routeAliases(seedAliases),
      createOrderRouter(depsOf(ctx), {
        brandName: config.PAYPAL_BRAND_NAME,
        allowedReturnOrigins: config.allowedReturnOrigins,
      }),
      captureRouter(depsOf(ctx)),
      listPaymentsRouter(depsOf(ctx)),
      payoutAccountRouter(depsOf(ctx)),
      salesRouter(depsOf(ctx)),
      paypalWebhookRouter(depsOf(ctx), config.PAYPAL_WEBHOOK_ID, { maxAttempts: config.PAYOUT_MAX_ATTEMPTS }),
      claimsRouter(depsOf(ctx), config.claimWindowSeconds),
    ],
    listeners: () => [orderCreatedListener, orderCancelledListener, orderCompletedListener],
    resources: (ctx) => [
      paymentJanitor(depsOf(ctx), {
        intervalMs: config.JANITOR_INTERVAL_MS,
        captureInDoubtAfterMs: config.CAPTURE_IN_DOUBT_AFTER_MS,
      }),
      payoutJob(depsOf(ctx), {
        intervalMs: config.PAYOUT_INTERVAL_MS,
        resendAfterMs: config.PAYOUT_RESEND_AFTER_MS,
        maxAttempts: config.PAYOUT_MAX_ATTEMPTS,
        reminderSeconds: config.payoutReminderSeconds,
      }),
      paypalReconciler(depsOf(ctx), config.RECONCILE_INTERVAL_MS),
    ],
    ...options,
  });
}

/** The payments service as the tests' `startTest` (and tools) start it. */
export const paymentsModule = serviceModule("payments", {
  migrationsFolder,
  loadConfig,
  create: createPaymentsService,
});
