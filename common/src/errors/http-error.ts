/** One problem with a request, as sent to clients: `{"errors":[{message, field?}]}`. */
export interface ErrorItem {
  message: string;
  field?: string;
}

/**
 * Base of every error a route may throw on purpose. The error handler turns it into
 * its status and body; anything else becomes a generic 500.
 */
export abstract class HttpError extends Error {
  abstract readonly statusCode: number;

  constructor(
    message: string,
    /** The request field the problem is about, so a form can show it in place. */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  serialize(): ErrorItem[] {
    return [this.field ? { message: this.message, field: this.field } : { message: this.message }];
  }

  /** Extra response headers (e.g. `Retry-After`). */
  headers(): Record<string, string> {
    return {};
  }
}

export class BadRequestError extends HttpError {
  readonly statusCode = 400;
}

/** 400 with one entry per invalid field. */
export class RequestValidationError extends HttpError {
  readonly statusCode = 400;
  constructor(readonly items: ErrorItem[]) {
    super(items.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join("; "), items[0]?.field);
  }
  override serialize(): ErrorItem[] {
    return this.items;
  }
}

export class NotAuthorizedError extends HttpError {
  readonly statusCode = 401;
  constructor(message = "Not signed in") {
    super(message);
  }
}

export class ForbiddenError extends HttpError {
  readonly statusCode = 403;
  constructor(message = "Forbidden", field?: string) {
    super(message, field);
  }
}

export class NotFoundError extends HttpError {
  readonly statusCode = 404;
  constructor(message = "Not found") {
    super(message);
  }
}

export class ConflictError extends HttpError {
  readonly statusCode = 409;
}

export class PayloadTooLargeError extends HttpError {
  readonly statusCode = 413;
}

export class UnsupportedMediaTypeError extends HttpError {
  readonly statusCode = 415;
}

export class TooManyRequestsError extends HttpError {
  readonly statusCode = 429;
  constructor(
    readonly retryAfterSeconds: number,
    message = "Too many attempts; try again later",
    field?: string,
  ) {
    super(message, field);
  }
  override headers(): Record<string, string> {
    return { "Retry-After": String(Math.max(1, Math.ceil(this.retryAfterSeconds))) };
  }
}

/** An upstream we depend on (PayPal, Google, …) failed or timed out. */
export class BadGatewayError extends HttpError {
  readonly statusCode = 502;
  constructor(message = "An upstream service is unavailable; try again") {
    super(message);
  }
}

export class ServiceUnavailableError extends HttpError {
  readonly statusCode = 503;
  constructor(
    message = "Service unavailable",
    /** When set, the answer carries `Retry-After` (e.g. a busy worker pool). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  override headers(): Record<string, string> {
    return this.retryAfterSeconds === undefined
      ? {}
      : { "Retry-After": String(Math.max(1, Math.ceil(this.retryAfterSeconds))) };
  }
}
