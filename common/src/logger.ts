import pino, { type Logger } from "pino";
import { currentTrace } from "./events/trace-context";

export type { Logger };

/** Adds the correlation and causation ids of the request or event being handled to every line. */
export const traceLogFields = () => currentTrace() ?? {};

/** Structured JSON logs; `service` is on every line so merged logs stay readable. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    mixin: traceLogFields,
    // Never log credentials, even if a request or error carries them.
    redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "*.password"],
  });
}
