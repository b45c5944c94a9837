import type { RequestHandler } from "express";
import { TooManyRequestsError } from "../errors";

/**
 * Load shedding: when more than `maxWaiting` requests already wait for a database
 * connection, a new request is answered at once with 429 and `Retry-After` of 1–5 s (spread at
 * random, so thousands of refused clients do not all come back in the same second) instead of
 * joining a queue it would wait in for seconds (and time out in at the client or the
 * gateway). An on-sale's burst becomes quick "try again in a second" answers. 429, not
 * 503: nothing is broken, the caller is asked to come back (and 5xx stay what alerts on).
 */
export function shedLoad(waiting: () => number, maxWaiting: number): RequestHandler {
  return (_req, _res, next) => {
    if (maxWaiting > 0 && waiting() >= maxWaiting) {
      throw new TooManyRequestsError(1 + Math.floor(Math.random() * 5), "The service is busy; try again in a moment");
    }
    next();
  };
}
