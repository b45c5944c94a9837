import type { NextFunction, Request, Response } from "express";

interface Stored {
  status: number;
  body: unknown;
}

/**
 * PayPal-Request-Id: a retried POST with the same id gets the first answer again instead
 * of a second order, capture or refund. Only successful answers are kept, so a request
 * that failed (e.g. capture before approval) can be retried with the same id later.
 */
export class IdempotencyCache {
  private readonly stored = new Map<string, Stored>();

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const requestId = req.get("PayPal-Request-Id");
      if (req.method !== "POST" || !requestId) return next();
      const key = `${req.path} ${requestId}`;
      const hit = this.stored.get(key);
      if (hit) {
        res.status(hit.status).json(hit.body);
        return;
      }
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        if (res.statusCode >= 200 && res.statusCode < 300) this.stored.set(key, { status: res.statusCode, body });
        return json(body);
      };
      next();
    };
  }
}
