// B6: what one replica of each backend service costs: resident memory idle and after
// the B1–B2 load, and the time from process start to its /readyz answering (measured on
// a restart of one replica alone, migrations already applied: what scaling out costs).

import { BACKEND } from "../lib/stack.mjs";
import { round } from "../lib/stats.mjs";

const running = (stack) => BACKEND.filter((name) => stack.instance(name, 0));

export function idleRss(stack) {
  return Object.fromEntries(running(stack).map((name) => [name, stack.rss(name)]));
}

export async function b6Footprint({ stack, baseline, idle, loaded, baselineRss, log }) {
  const rows = [];
  const raw = {};
  for (const name of running(stack)) {
    const readyMs = await stack.restart(name, 0);
    raw[name] = { idleMb: idle[name], afterLoadMb: loaded[name], readyMs };
    log(
      `B6 ${name}: RSS idle ${round(idle[name], 0)} MB, after B1–B2 ${round(loaded[name], 0)} MB, start → /readyz ${round(readyMs, 0)} ms`,
    );
    rows.push({
      id: "B6",
      workload: name,
      figure: "RSS idle / after B1–B2 MB; start→ready ms",
      value: `${round(idle[name], 0)} / ${round(loaded[name], 0)}; ${round(readyMs, 0)}`,
      baseline: `${round(baselineRss.idle, 0)} / ${round(baselineRss.loaded, 0)}; ${round(baseline.readyMs, 0)}`,
      ratio: baselineRss.idle ? idle[name] / baselineRss.idle : null,
      target: "≤ 110 MB idle; ≤ 3000 ms",
      met: idle[name] !== null && idle[name] <= 110 && readyMs <= 3000,
    });
  }
  return { rows, raw };
}
