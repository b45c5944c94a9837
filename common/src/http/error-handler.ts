import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { isStatementTimeout, isTransientInfrastructureError } from "../db/errors";
import { BadRequestError, HttpError, NotFoundError, PayloadTooLargeError } from "../errors";

/** Errors that body parsers and other libraries raise with an HTTP status attached. */
function fromLibraryError(err: unknown): HttpError | null {
  const e = err as { type?: string; status?: number; statusCode?: number };
  if (e?.type === "entity.too.large") return new PayloadTooLargeError("Request body is too large");
  if (e?.type === "entity.parse.failed") return new BadRequestError("Request body is not valid JSON");
  // The router decoding a path parameter (`/api/tickets/%ZZ`) throws a URIError with status 400.
  if (err instanceof URIError) return new BadRequestError("The path has malformed percent-encoding", "path");
  const status = e?.status ?? e?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500 && e?.type) {
    return new BadRequestError("Malformed request");
  }
  return null;
}

/**
 * The one place errors become responses: `{"errors":[{message, field?}]}`.
 * An unavailable database answers 503 with Retry-After; other unexpected errors are
 * logged with the request id and answered with a generic 500.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof HttpError ? err : fromLibraryError(err);
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (known) {
      res.set(known.headers()).status(known.statusCode).json({ errors: known.serialize() });
      return;
    }
    if (isTransientInfrastructureError(err) || isStatementTimeout(err)) {
      // The database is unreachable, hung (time-outs) or busy: the request may be retried.
      logger.warn({ err, requestId: req.id, method: req.method, url: req.originalUrl }, "dependency unavailable");
      res
        .set("Retry-After", "5")
        .status(503)
        .json({ errors: [{ message: "Service temporarily unavailable" }] });
      return;
    }
    logger.error({ err, requestId: req.id, method: req.method, url: req.originalUrl }, "unhandled error");
    res.status(500).json({ errors: [{ message: "Something went wrong" }] });
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError("Route not found"));
};
