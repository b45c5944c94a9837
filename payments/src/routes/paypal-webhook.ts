import { BadRequestError } from "@m-ticketing/common";
import { Router } from "express";
import type { PaymentDeps } from "../domain/deps";
import type { PayoutSettings } from "../domain/payouts";
import { receivePayPalWebhook, WEBHOOK_HEADERS, type WebhookHeaders } from "../domain/paypal-webhook";

/**
 * `POST /api/payments/webhooks/paypal`: PayPal's deliveries (no session: PayPal signs them,
 * and the domain has PayPal verify the signature). 200 once applied or already applied;
 * 400 for a missing header or a signature PayPal does not confirm.
 */
export function paypalWebhookRouter(
  deps: PaymentDeps,
  webhookId: string | undefined,
  payoutSettings: Pick<PayoutSettings, "maxAttempts">,
): Router {
  const router = Router();
  router.post("/api/payments/webhooks/paypal", async (req, res) => {
    const headers = {} as WebhookHeaders;
    for (const [key, header] of Object.entries(WEBHOOK_HEADERS) as Array<[keyof WebhookHeaders, string]>) {
      const value = req.get(header);
      if (!value || value.length > 4096)
        throw new BadRequestError(`The ${header.toUpperCase()} header is required`, header.toUpperCase());
      headers[key] = value;
    }
    const outcome = await receivePayPalWebhook(deps, webhookId, headers, req.body, payoutSettings);
    res.json({ received: true, outcome });
  });
  return router;
}
