import pino, { type Logger } from "pino";

export type { Logger };

/** Structured JSON logs; `service` is on every line so merged logs stay readable. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    // Never log credentials, even if a request or error carries them.
    redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "*.password"],
  });
}
