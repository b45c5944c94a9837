// CPU profiles of running services over a load window only (not their start-up or the
// seeding, which `node --cpu-prof` would include): the harness starts a service with
// `--inspect-port=<free port>` (inspectorEnv), opens its inspector with SIGUSR1 (Node's
// documented way to activate it in a running process) and drives V8's profiler over the
// DevTools protocol (`Profiler.start` / `Profiler.stop`). Nothing in the services changes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, sleep } from "./processes.mjs";

/** NODE_OPTIONS addition for a service to profile (its inspector stays closed until SIGUSR1). */
export async function inspectorEnv() {
  const port = await freePort();
  return { port, option: `--inspect-port=127.0.0.1:${port}` };
}

async function connect(pid, port) {
  process.kill(pid, "SIGUSR1");
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      const ws = new WebSocket(list[0].webSocketDebuggerUrl);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      let id = 0;
      const pending = new Map();
      ws.onmessage = (event) => {
        const msg = JSON.parse(event.data);
        if (msg.id && pending.has(msg.id)) {
          pending.get(msg.id)(msg);
          pending.delete(msg.id);
        }
      };
      const send = (method, params = {}) =>
        new Promise((resolve, reject) => {
          const n = ++id;
          pending.set(n, (msg) => (msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result)));
          ws.send(JSON.stringify({ id: n, method, params }));
        });
      return { send, close: () => ws.close() };
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`inspector of pid ${pid} on ${port}: ${err.message}`);
      await sleep(100);
    }
  }
}

/**
 * Profiles the given processes until `stop()`; `stop()` resolves with one profile each
 * (also written to `dir` as <label>-<n>.cpuprofile, for Chrome DevTools).
 * @param {Array<{ label: string, pid: number, port: number }>} targets
 */
export async function startProfiles(targets, dir) {
  const sessions = await Promise.all(
    targets.map(async (t) => {
      const session = await connect(t.pid, t.port);
      await session.send("Profiler.enable");
      await session.send("Profiler.setSamplingInterval", { interval: 200 }); // µs
      await session.send("Profiler.start");
      return { ...t, session };
    }),
  );
  return async function stop() {
    return Promise.all(
      sessions.map(async ({ label, session }) => {
        const { profile } = await session.send("Profiler.stop");
        session.close();
        writeFileSync(join(dir, `${label}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
        return { label, profile };
      }),
    );
  };
}

const packageOf = (url, name, own) => {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node core";
  if (url.includes("/common/")) return "@m-ticketing/common";
  return `${own} (own code)`;
};

/**
 * Self time by package and hottest functions over several profiles of one service, in
 * milliseconds, idle excluded ("(idle)" is the event loop waiting).
 */
export function summarizeProfiles(label, profiles, { top = 15 } = {}) {
  const byPkg = new Map();
  const byFn = new Map();
  const inclusive = new Map(); // our code (service, common) only: what each of our functions costs with its callees
  let busy = 0;
  let idle = 0;
  for (const profile of profiles) {
    const ticks = new Map();
    for (const s of profile.samples) ticks.set(s, (ticks.get(s) ?? 0) + 1);
    const ms = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
    const parent = new Map();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const key = (n) => {
      const { functionName, url, lineNumber } = n.callFrame;
      return `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
    };
    for (const node of profile.nodes) {
      const t = (ticks.get(node.id) ?? 0) * ms;
      if (!t) continue;
      const { functionName, url } = node.callFrame;
      if (functionName === "(idle)") {
        idle += t;
        continue;
      }
      busy += t;
      const p = packageOf(url, functionName, label);
      byPkg.set(p, (byPkg.get(p) ?? 0) + t);
      const fn = key(node);
      byFn.set(fn, (byFn.get(fn) ?? 0) + t);
      const counted = new Set();
      for (let id = node.id; id !== undefined; id = parent.get(id)) {
        const n = byId.get(id);
        const u = n.callFrame.url;
        if (!u || u.includes("node_modules") || u.startsWith("node:")) continue;
        const k = key(n);
        if (counted.has(k)) continue;
        counted.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + t);
      }
    }
  }
  const list = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => ({ name: k, ms: Math.round(v), share: Number((v / Math.max(1, busy)).toFixed(3)) }));
  return {
    label,
    busyMs: Math.round(busy),
    idleMs: Math.round(idle),
    byPackage: list(byPkg),
    hottest: list(byFn),
    ownInclusive: list(inclusive),
  };
}

/** The summary as text lines. */
export function renderProfileSummary(s) {
  const pct = (x) => `${(100 * x.share).toFixed(1).padStart(5)}%`;
  return [
    `${s.label}: ${s.busyMs} ms busy, ${s.idleMs} ms idle in the profiled windows`,
    "  self time by package:",
    ...s.byPackage.map((x) => `  ${pct(x)}  ${x.name}`),
    "  hottest functions (self time):",
    ...s.hottest.map((x) => `  ${pct(x)}  ${x.name}`),
    "  our functions, with what they call (inclusive):",
    ...s.ownInclusive.map((x) => `  ${pct(x)}  ${x.name}`),
  ].join("\n");
}
