import { type Request, type RequestHandler, type Response, Router } from "express";

type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * Another path (and method) for one of our routes. The request is rewritten to the twin
 * route before routing continues, so it meets exactly the twin's middleware, validation,
 * authorization and handler: nothing of the route is copied.
 */
export interface RouteAlias {
  /** The alias, an Express path: matched as routes are (case-insensitively, params allowed). */
  method: Method;
  path: string;
  /** The route that answers. `path` may be computed from the request (its JSON body is parsed by then) and may throw a 4xx. */
  to: { method?: Method; path: string | ((req: Request) => string) };
  /** Checks the twin makes before the value `to.path` reads, in the twin's order (e.g. `requireAuth` before the body). */
  before?: RequestHandler[];
  /** The twin's redirect is answered `200 {url}` instead: a POST alias of a GET that sends the browser elsewhere. */
  redirectAsJson?: boolean;
}

/** One router applying a service's alias table; mount it before the service's routes. */
export function routeAliases(aliases: readonly RouteAlias[]): Router {
  const router = Router();
  for (const alias of aliases) {
    router[alias.method](alias.path, ...(alias.before ?? []), (req, res, next) => {
      const path = typeof alias.to.path === "function" ? alias.to.path(req) : alias.to.path;
      const queryAt = req.url.indexOf("?");
      req.url = queryAt < 0 ? path : path + req.url.slice(queryAt);
      if (alias.to.method) req.method = alias.to.method.toUpperCase();
      if (alias.redirectAsJson) answerRedirectAsJson(res);
      // Leave this router: the service's routers see the rewritten request (originalUrl keeps the alias for logs).
      next("router");
    });
  }
  return router;
}

function answerRedirectAsJson(res: Response): void {
  res.redirect = ((statusOrUrl: number | string, url?: string) => {
    res.status(200).json({ url: typeof statusOrUrl === "string" ? statusOrUrl : url });
  }) as Response["redirect"];
}
