// The one way services repeat background work (payments' janitor, payouts and reconcile,
// notifications' mail sender and reminders, orders' event-start job).
import { periodicJob } from "../../src/service/periodic-job";
import { captureLogs, eventually } from "../../src/testing";

/** A pass that waits until the test lets it finish, counting how many run at once. */
function gatedPass() {
  let release: () => void = () => {};
  const state = { started: 0, inFlight: 0, most: 0 };
  const pass = async () => {
    state.started++;
    state.inFlight++;
    state.most = Math.max(state.most, state.inFlight);
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    state.inFlight--;
    return state.started;
  };
  return { pass, state, release: () => release() };
}

test("runOnce during a pass joins it: passes never overlap, and the result is the pass's", async () => {
  const { pass, state, release } = gatedPass();
  const job = periodicJob("test-job", { intervalMs: 60_000, logger: captureLogs().logger, pass });
  const first = job.runOnce();
  const second = job.runOnce();
  release();
  expect(await first).toBe(1);
  expect(await second).toBe(1);
  expect(state).toMatchObject({ started: 1, most: 1 });
});

test("a failing pass is logged with the job's name and retried at the next tick", async () => {
  const { logger, lines } = captureLogs();
  let calls = 0;
  const job = periodicJob("flaky-job", {
    intervalMs: 5,
    logger,
    pass: async () => {
      calls++;
      if (calls === 1) throw new Error("database unavailable");
      return calls;
    },
  });
  await job.start();
  await eventually(async () => calls >= 2);
  await job.stop();
  expect(lines.filter((l) => l.job === "flaky-job").map((l) => l.msg)).toContain("flaky-job pass failed; will retry");
});

test("stop waits for the pass in progress and no pass starts after it", async () => {
  const { pass, state, release } = gatedPass();
  const job = periodicJob("test-job", { intervalMs: 1, logger: captureLogs().logger, pass });
  await job.start();
  await eventually(async () => state.started === 1);
  let stopped = false;
  const stopping = job.stop().then(() => {
    stopped = true;
  });
  expect(job.stopped()).toBe(true);
  await Promise.resolve();
  expect(stopped).toBe(false); // still waiting for the pass
  release();
  await stopping;
  expect(state.inFlight).toBe(0);
  expect(state.started).toBe(1);
});
