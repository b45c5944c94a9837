import type { RequestHandler } from "express";
import { ForbiddenError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie sessions: a state-changing request (POST, PUT, PATCH, DELETE)
 * must come from our own origin. Browsers send `Sec-Fetch-Site`; only `same-origin` and
 * `none` (typed by the user) pass, so neither a cross-site form nor a same-site page on
 * another subdomain can sign a user out or post to a body-less route. Older browsers send
 * only `Origin`, which must then name the host the request was made to. Requests with
 * neither header are not from a browser page (curl, server-side rendering, tests) and
 * carry no ambient credentials an attacker could borrow.
 */
export const refuseCrossSiteWrites: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined) {
    if (site !== "same-origin" && site !== "none") {
      throw new ForbiddenError("Cross-site requests may not change anything", "Sec-Fetch-Site");
    }
    return next();
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !sameHost(origin, req.headers.host)) {
    throw new ForbiddenError("Cross-site requests may not change anything", "Origin");
  }
  next();
};

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
}

/**
 * API answers are per user and change with every write: nothing may be kept by a shared
 * or browser cache (a signed-in page must not be served from cache after sign-out).
 * A route that serves something cacheable (a photo) sets its own Cache-Control.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
};
