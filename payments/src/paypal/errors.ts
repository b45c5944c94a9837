/** PayPal answered with a definitive 4xx: the request was understood and refused. */
export class PayPalApiError extends Error {
  constructor(
    readonly status: number,
    /** PayPal's error `name` (e.g. `UNPROCESSABLE_ENTITY`) or OAuth `error` (e.g. `invalid_client`). */
    readonly errorName: string,
    /** `details[0].issue` (e.g. `ORDER_NOT_APPROVED`) when PayPal gave one. */
    readonly issue: string | undefined,
    readonly debugId: string | undefined,
    message: string,
    /** HATEOAS links PayPal sent with the error (a used `sender_batch_id` links its batch). */
    readonly links: Array<{ href: string; rel: string }> = [],
  ) {
    super(`PayPal ${status} ${issue ?? errorName}: ${message}`);
    this.name = "PayPalApiError";
  }
}

/**
 * PayPal could not be reached or kept failing (network error, time-out, 5xx, 429) after
 * the retries. For a capture or refund the outcome is unknown: it may have happened.
 */
export class PayPalUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PayPalUnavailableError";
  }
}
