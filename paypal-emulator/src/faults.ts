import type { NextFunction, Request, Response } from "express";
import { type ErrorName, sendPayPalError } from "./paypal-error";

/**
 * What a test can make the next matching API calls do:
 * - `error`: answer `status` (500, 503 or 429) in PayPal's error shape without doing anything;
 * - `delay`: wait `delayMs`, then handle the call normally (for client time-outs);
 * - `hold`: wait until `POST /emulator/release`, then handle it (to order a race precisely);
 * - `drop-before`: close the connection without handling the call;
 * - `drop-after`: handle the call, then close the connection instead of answering
 *   (the work is done at "PayPal" but the caller never hears of it).
 */
export type FaultMode = "error" | "delay" | "hold" | "drop-before" | "drop-after";

export interface FaultSpec {
  mode: FaultMode;
  /** Only calls whose path contains this text (e.g. "/capture"); every API call when absent. */
  path?: string;
  method?: string;
  /** How many calls it affects; 0 = every call until `DELETE /emulator/faults`. */
  count?: number;
  status?: number;
  delayMs?: number;
}

interface Fault extends Required<Omit<FaultSpec, "path" | "method">> {
  path?: string;
  method?: string;
  remaining: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  requestId?: string;
  at: string;
}

const ERROR_NAMES: Record<number, ErrorName> = {
  429: "RATE_LIMIT_REACHED",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** Fault injection and a log of the API calls received, for tests and demos. */
export class Faults {
  private faults: Fault[] = [];
  private held: Array<() => void> = [];
  readonly requests: RequestRecord[] = [];

  add(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    this.faults.push({
      mode: spec.mode,
      path: spec.path,
      method: spec.method?.toUpperCase(),
      count,
      status: spec.status ?? 503,
      delayMs: spec.delayMs ?? 0,
      remaining: count === 0 ? Number.POSITIVE_INFINITY : count,
    });
  }

  /** Removes every fault and lets held calls through. */
  clear(): void {
    this.faults = [];
    this.release();
  }

  release(): number {
    const held = this.held;
    this.held = [];
    for (const go of held) go();
    return held.length;
  }

  get heldCount(): number {
    return this.held.length;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      this.requests.push({
        method: req.method,
        path: req.path,
        requestId: req.get("PayPal-Request-Id"),
        at: new Date().toISOString(),
      });
      if (this.requests.length > 1000) this.requests.shift();
      const fault = this.faults.find(
        (f) => f.remaining > 0 && (!f.path || req.path.includes(f.path)) && (!f.method || f.method === req.method),
      );
      if (!fault) return next();
      fault.remaining -= 1;
      switch (fault.mode) {
        case "error":
          sendPayPalError(res, ERROR_NAMES[fault.status] ?? "SERVICE_UNAVAILABLE");
          return;
        case "delay":
          setTimeout(next, fault.delayMs);
          return;
        case "hold":
          this.held.push(next);
          return;
        case "drop-before":
          req.socket.destroy();
          return;
        case "drop-after": {
          // Registered before the routes, so this wrapper runs after theirs (idempotency included).
          const json = res.json.bind(res);
          res.json = (body: unknown) => {
            if (res.statusCode >= 400) return json(body);
            req.socket.destroy();
            return res;
          };
          next();
          return;
        }
      }
    };
  }
}
