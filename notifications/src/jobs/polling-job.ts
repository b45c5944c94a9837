import type { ServiceResource } from "@m-ticketing/common";

/**
 * Runs `round` every `intervalMs` (after the previous round ended, so rounds never overlap)
 * until stopped; `stop` waits for a round in progress. `round` handles its own errors.
 */
export function pollingJob(
  name: string,
  intervalMs: number,
  round: () => Promise<void>,
): ServiceResource & {
  stopped(): boolean;
} {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(schedule);
    }, intervalMs);
  };
  return {
    name,
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
