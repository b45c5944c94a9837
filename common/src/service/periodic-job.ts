import type { Logger } from "../logger";
import type { ServiceResource } from "./service-host";

/** A job a service runs while it is up (see `periodicJob`). */
export interface PeriodicJob<T> extends ServiceResource {
  /**
   * One pass now, or the pass already in progress (tests and tools that want the work done
   * rather than at the next tick). Resolves to the pass's result, undefined if it failed.
   */
  runOnce(): Promise<T | undefined>;
  /** True once `stop` was called: a long pass checks it between steps to end early. */
  stopped(): boolean;
}

export interface PeriodicJobOptions<T> {
  /** Time between the end of one pass and the start of the next. */
  intervalMs: number;
  logger: Logger;
  /** The work. Should be safe to run on every replica (row locks, SKIP LOCKED, idempotent ids). */
  pass: () => Promise<T>;
}

/**
 * The one way a service repeats background work (janitors, payouts, reminders, mail):
 * `pass` runs `intervalMs` after the previous pass ended, so passes never overlap (also not
 * with `runOnce`); a pass that throws is logged and tried again at the next tick; `stop`
 * waits for a pass in progress. Timers are unref'd so they never keep a process alive.
 */
export function periodicJob<T>(name: string, { intervalMs, logger, pass }: PeriodicJobOptions<T>): PeriodicJob<T> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<T | undefined> | undefined;
  let stopped = false;

  const runOnce = () => {
    running ??= pass()
      .catch((err: unknown) => {
        logger.warn({ err, job: name }, `${name} pass failed; will retry`);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await runOnce();
      schedule();
    }, intervalMs);
    timer.unref();
  };

  return {
    name,
    runOnce,
    stopped: () => stopped,
    async start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
