import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { traceLogFields } from "../logger";

/** A logger whose JSON lines a test can read back (to check, e.g., dead-letter logs). */
export function captureLogs(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "debug", mixin: traceLogFields }, sink), lines };
}
