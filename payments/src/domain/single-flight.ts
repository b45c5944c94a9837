const inFlight = new Map<string, Promise<unknown>>();

/** Runs `work` once per `key` at a time in this process: concurrent callers share its result. */
export function singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = work().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}
