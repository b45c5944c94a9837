import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@m-ticketing/common";
import type { z } from "zod";
import { PayPalApiError, PayPalUnavailableError } from "./errors";
import {
  captureResponse,
  errorResponse,
  orderResponse,
  type PayPalCapture,
  type PayPalOrder,
  type PayPalPayoutBatch,
  type PayPalRefund,
  payoutBatchCreated,
  payoutBatchResponse,
  refundResponse,
  tokenResponse,
  verifySignatureResponse,
} from "./responses";

/*
 * Why not @paypal/paypal-server-sdk: it hard-codes PayPal's sandbox and live hosts and
 * offers no base-URL option, so it could not talk to the local emulator that development
 * and tests use (these machines have no internet). The five calls we need are small, so a
 * typed client over fetch is the honest choice; it follows PayPal's REST reference.
 */

export interface PayPalClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per attempt (AbortSignal.timeout). */
  timeoutMs: number;
  /** Retries after the first attempt, for network errors, time-outs, 408/409/429 and 5xx only. */
  maxRetries: number;
  logger: Logger;
}

export interface CreateOrderInput {
  /** The total: `price` + `serviceFee`, two-decimal strings. */
  amount: string;
  currency: string;
  /** The ticket's price and the buyer's service fee: the order's two items (PayPal shows them). */
  price: string;
  serviceFee: string;
  itemName: string;
  /** Our order id, as `reference_id` and `custom_id`, so PayPal's records point back to it. */
  orderId: string;
  description: string;
  brandName: string;
  returnUrl?: string;
  cancelUrl?: string;
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);

/** 250 ms doubling, with jitter, at most 2 s: short, since a buyer is waiting. */
const backoff = (attempt: number) => Math.min(250 * 2 ** attempt, 2000) * (0.5 + Math.random() / 2);

/** A small client for the PayPal REST calls checkout needs (Orders v2, Payments v2, OAuth 2). */
export class PayPalClient {
  private token?: { value: string; refreshAt: number };
  private tokenRequest?: Promise<string>;
  private readonly base: string;

  constructor(private readonly options: PayPalClientOptions) {
    this.base = options.baseUrl.replace(/\/$/, "");
  }

  /**
   * `POST /v2/checkout/orders` with intent CAPTURE for exactly `amount` `currency`, broken
   * down into two items, the ticket and the service fee (`breakdown.item_total` = their
   * sum = `amount`, as PayPal requires when items carry amounts).
   */
  createOrder(input: CreateOrderInput, requestId: string): Promise<PayPalOrder> {
    const experience = {
      brand_name: input.brandName,
      shipping_preference: "NO_SHIPPING",
      user_action: "PAY_NOW",
      ...(input.returnUrl ? { return_url: input.returnUrl } : {}),
      ...(input.cancelUrl ? { cancel_url: input.cancelUrl } : {}),
    };
    const body = {
      intent: "CAPTURE",
      purchase_units: [
        {
          reference_id: input.orderId,
          custom_id: input.orderId,
          description: input.description,
          amount: {
            currency_code: input.currency,
            value: input.amount,
            breakdown: { item_total: { currency_code: input.currency, value: input.amount } },
          },
          items: [
            {
              name: input.itemName.slice(0, 127),
              quantity: "1",
              unit_amount: { currency_code: input.currency, value: input.price },
              category: "DIGITAL_GOODS",
            },
            {
              name: "Service fee",
              quantity: "1",
              unit_amount: { currency_code: input.currency, value: input.serviceFee },
              category: "DIGITAL_GOODS",
            },
          ].filter((item) => item.unit_amount.value !== "0.00"),
        },
      ],
      payment_source: { paypal: { experience_context: experience } },
    };
    return this.call("POST", "/v2/checkout/orders", orderResponse, { body, requestId });
  }

  getOrder(id: string): Promise<PayPalOrder> {
    return this.call("GET", `/v2/checkout/orders/${encodeURIComponent(id)}`, orderResponse);
  }

  captureOrder(id: string, requestId: string): Promise<PayPalOrder> {
    return this.call("POST", `/v2/checkout/orders/${encodeURIComponent(id)}/capture`, orderResponse, {
      body: {},
      requestId,
    });
  }

  /** A full refund of the capture. */
  refundCapture(captureId: string, requestId: string, noteToPayer: string): Promise<PayPalRefund> {
    return this.call("POST", `/v2/payments/captures/${encodeURIComponent(captureId)}/refund`, refundResponse, {
      body: { note_to_payer: noteToPayer },
      requestId,
    });
  }

  /**
   * `POST /v1/payments/payouts`: one batch of payouts to PayPal accounts by e-mail. The
   * `sender_batch_id` is also the PayPal-Request-Id, so a retry after a lost answer gets the
   * first batch back; PayPal refuses a `sender_batch_id` used before (30 days) anyway.
   */
  createPayoutBatch(batch: {
    senderBatchId: string;
    emailSubject: string;
    items: Array<{ senderItemId: string; receiver: string; amount: string; currency: string; note: string }>;
  }) {
    const body = {
      sender_batch_header: {
        sender_batch_id: batch.senderBatchId,
        recipient_type: "EMAIL",
        email_subject: batch.emailSubject,
      },
      items: batch.items.map((item) => ({
        recipient_type: "EMAIL",
        receiver: item.receiver,
        amount: { currency: item.currency, value: item.amount },
        note: item.note,
        sender_item_id: item.senderItemId,
      })),
    };
    return this.call("POST", "/v1/payments/payouts", payoutBatchCreated, { body, requestId: batch.senderBatchId });
  }

  /** `GET /v1/payments/payouts/:payout_batch_id`: the batch with every item's `transaction_status`. */
  getPayoutBatch(payoutBatchId: string): Promise<PayPalPayoutBatch> {
    return this.call("GET", `/v1/payments/payouts/${encodeURIComponent(payoutBatchId)}`, payoutBatchResponse);
  }

  getCapture(captureId: string): Promise<PayPalCapture> {
    return this.call("GET", `/v2/payments/captures/${encodeURIComponent(captureId)}`, captureResponse);
  }

  /**
   * `POST /v1/notifications/verify-webhook-signature`: PayPal checks a delivery's headers
   * against the event (as parsed) for our webhook id; true only for `SUCCESS`.
   */
  async verifyWebhookSignature(check: {
    authAlgo: string;
    certUrl: string;
    transmissionId: string;
    transmissionSig: string;
    transmissionTime: string;
    webhookId: string;
    event: unknown;
  }): Promise<boolean> {
    const answer = await this.call("POST", "/v1/notifications/verify-webhook-signature", verifySignatureResponse, {
      body: {
        auth_algo: check.authAlgo,
        cert_url: check.certUrl,
        transmission_id: check.transmissionId,
        transmission_sig: check.transmissionSig,
        transmission_time: check.transmissionTime,
        webhook_id: check.webhookId,
        webhook_event: check.event,
      },
    });
    return answer.verification_status === "SUCCESS";
  }

  /**
   * One REST call with retries. The same `PayPal-Request-Id` goes with every attempt, so
   * a retry of a create, capture or refund that PayPal already did returns its first
   * result instead of doing it again. A 401 drops the cached token and retries once.
   */
  private async call<S extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    schema: S,
    options: { body?: unknown; requestId?: string } = {},
  ): Promise<z.infer<S>> {
    const { maxRetries, timeoutMs, logger } = this.options;
    let refreshedToken = false;
    let lastProblem: unknown;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) await sleep(backoff(attempt - 1));
      let res: Response;
      try {
        const token = await this.accessToken();
        res = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/json",
            Accept: "application/json",
            Prefer: "return=representation",
            ...(options.requestId ? { "PayPal-Request-Id": options.requestId } : {}),
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        if (err instanceof PayPalApiError) throw err; // the token call was refused: retrying cannot help
        lastProblem = err;
        logger.warn({ err, method, path, attempt }, "PayPal call failed; retrying if attempts are left");
        continue;
      }
      const body = await res.json().catch(() => undefined);
      if (res.ok) {
        const parsed = schema.safeParse(body);
        if (parsed.success) return parsed.data;
        throw new PayPalUnavailableError(`PayPal sent an unexpected response to ${method} ${path}`, {
          cause: parsed.error,
        });
      }
      if (res.status === 401 && !refreshedToken) {
        refreshedToken = true;
        this.token = undefined;
        attempt--; // a stale token is not a PayPal failure: the retry does not count
        continue;
      }
      const problem = this.toApiError(res.status, body);
      if (!RETRYABLE.has(res.status)) throw problem;
      lastProblem = problem;
      logger.warn({ status: res.status, method, path, attempt, debugId: problem.debugId }, "PayPal answered an error");
    }
    throw new PayPalUnavailableError(`PayPal is unavailable (${method} ${path})`, { cause: lastProblem });
  }

  private toApiError(status: number, body: unknown): PayPalApiError {
    const parsed = errorResponse.safeParse(body);
    const e = parsed.success ? parsed.data : {};
    return new PayPalApiError(
      status,
      e.name ?? e.error ?? `HTTP_${status}`,
      e.details?.[0]?.issue,
      e.debug_id,
      e.details?.[0]?.description ?? e.message ?? e.error_description ?? "no message",
      e.links ?? [],
    );
  }

  /** The cached OAuth token, fetched again shortly before it expires; concurrent callers share one fetch. */
  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.refreshAt) return this.token.value;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret, timeoutMs } = this.options;
    const res = await fetch(`${this.base}/v1/oauth2/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: "grant_type=client_credentials",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.json().catch(() => undefined);
    if (!res.ok) {
      const problem = this.toApiError(res.status, body);
      // 5xx: let the caller's retry loop try again; 4xx (bad credentials): give up now.
      if (RETRYABLE.has(res.status))
        throw new PayPalUnavailableError("PayPal's token endpoint failed", { cause: problem });
      this.options.logger.error(
        { status: res.status, error: problem.errorName },
        "PayPal refused our client credentials",
      );
      throw problem;
    }
    const token = tokenResponse.parse(body);
    // Renew a minute early (or half-way for short-lived tokens) so a call never carries an expired one.
    const marginSeconds = Math.min(60, token.expires_in / 2);
    this.token = { value: token.access_token, refreshAt: Date.now() + (token.expires_in - marginSeconds) * 1000 };
    return token.access_token;
  }
}
