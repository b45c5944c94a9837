import type { Response } from "express";
import { debugId } from "./ids";

export interface ErrorDetail {
  issue: string;
  description: string;
  field?: string;
  location?: "body" | "path" | "query" | "header";
}

/** The REST error names PayPal documents, with the status and message it sends for each. */
const NAMES = {
  INVALID_REQUEST: { status: 400, message: "Request is not well-formed, syntactically incorrect, or violates schema." },
  /** v1 APIs (Payouts, Notifications) name a bad request this way. */
  VALIDATION_ERROR: { status: 400, message: "Invalid request - see details" },
  USER_BUSINESS_ERROR: { status: 400, message: "User business error." },
  AUTHENTICATION_FAILURE: {
    status: 401,
    message: "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
  },
  NOT_AUTHORIZED: { status: 403, message: "Authorization failed due to insufficient permissions." },
  RESOURCE_NOT_FOUND: { status: 404, message: "The specified resource does not exist." },
  UNPROCESSABLE_ENTITY: {
    status: 422,
    message: "The requested action could not be performed, semantically incorrect, or failed business validation.",
  },
  RATE_LIMIT_REACHED: { status: 429, message: "Too many requests. Blocked due to rate limiting." },
  INTERNAL_SERVER_ERROR: { status: 500, message: "An internal server error has occurred." },
  SERVICE_UNAVAILABLE: { status: 503, message: "Service Unavailable." },
} as const;

export type ErrorName = keyof typeof NAMES;

export interface Link {
  href: string;
  rel: string;
  method: string;
}

/** An error PayPal would answer with; routes throw it and the app's error handler sends it. */
export class PayPalError extends Error {
  readonly status: number;
  constructor(
    readonly errorName: ErrorName,
    readonly details: ErrorDetail[] = [],
    /** Extra HATEOAS links (e.g. the original payout of a duplicate `sender_batch_id`). */
    readonly links: Link[] = [],
  ) {
    super(NAMES[errorName].message);
    this.status = NAMES[errorName].status;
  }
}

export const notFound = (
  description = "Specified resource ID does not exist. Please check the resource ID and try again.",
) => new PayPalError("RESOURCE_NOT_FOUND", [{ issue: "INVALID_RESOURCE_ID", description }]);

export const unprocessable = (issue: string, description: string) =>
  new PayPalError("UNPROCESSABLE_ENTITY", [{ issue, description }]);

export const invalidRequest = (issue: string, field: string, description: string) =>
  new PayPalError("INVALID_REQUEST", [{ issue, field, location: "body", description }]);

/** Sends PayPal's error shape: `{name, message, debug_id, details, links}`. */
export function sendPayPalError(res: Response, name: ErrorName, details: ErrorDetail[] = [], extra: Link[] = []): void {
  const id = debugId();
  const issue = details[0]?.issue ?? name;
  res
    .status(NAMES[name].status)
    .set("Paypal-Debug-Id", id)
    .json({
      name,
      message: NAMES[name].message,
      debug_id: id,
      details,
      links: [
        {
          href: `https://developer.paypal.com/docs/api/orders/v2/#error-${issue}`,
          rel: "information_link",
          method: "GET",
        },
        ...extra,
      ],
    });
}
