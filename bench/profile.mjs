// Where a service spends its CPU under a benchmark workload: runs it with
// `node --cpu-prof`, drives B1's or B2's traffic at it, stops it (the profile is written
// on exit) and prints self time by package and the hottest functions.
//
//   node bench/profile.mjs tickets   GET /api/tickets?limit=20 with 10,000 tickets
//   node bench/profile.mjs orders    POST /api/orders, a different ticket each
//   BENCH_DURATION=15                seconds of load
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "./lib/load.mjs";
import { createTickets, user, waitReplicated } from "./lib/seed.mjs";
import { ROOT, startStack } from "./lib/stack.mjs";

const target = process.argv[2] ?? "tickets";
// In the git-ignored bench-results/, not in the service's folder.
const dir = join(ROOT, "bench-results", "profiles", `${target}-${process.pid}`);
mkdirSync(dir, { recursive: true });
const seconds = Number(process.env.BENCH_DURATION ?? 15);
const stack = await startStack({
  prefix: `bench_prof_${process.pid}`,
  // Lifted per-buyer reservation cap: 100 simulated buyers place thousands of orders.
  env: { [target]: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}`, MAX_ACTIVE_ORDERS_PER_BUYER: "1000" } },
});
try {
  const ids = await createTickets(stack, target === "tickets" ? 10_000 : 6_000, { concurrency: 32 });
  await waitReplicated(stack, ids);
  await stack.pool("tickets").query("analyze");
  await stack.pool("orders").query("analyze");
  if (target === "tickets") {
    await load({ url: `${stack.serviceUrl("tickets")}/api/tickets?limit=20`, durationS: seconds });
  } else {
    const buyers = Array.from({ length: 100 }, () => user(stack));
    let next = 0;
    const headers = { "content-type": "application/json" };
    await load({
      url: `${stack.serviceUrl("orders")}/api/orders`,
      method: "POST",
      headers,
      durationS: seconds,
      amount: ids.length,
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ ticketId: ids[next] }),
        headers: { ...headers, cookie: buyers[next++ % 100].cookie },
      }),
    });
  }
} finally {
  await stack.stop();
}

const file = readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => join(dir, f))
  .sort()
  .pop();
const profile = JSON.parse(readFileSync(file, "utf8"));
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000; // ms per sample
const pkg = (url, name) => {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node core";
  if (url.includes("/common/")) return "@m-ticketing/common";
  return `${target} (own code)`;
};
const byPkg = new Map();
const byFn = new Map();
let total = 0;
for (const node of profile.nodes) {
  const ms = (node.hitCount ?? 0) * interval;
  total += ms;
  const { functionName, url, lineNumber } = node.callFrame;
  const p = pkg(url, functionName);
  byPkg.set(p, (byPkg.get(p) ?? 0) + ms);
  const fn = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
}
const top = (map, n) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join("\n");
console.log(
  `\n${target}: ${Math.round(total)} ms sampled (${file})\nself time by package:\n${top(byPkg, 15)}\nhottest functions:\n${top(byFn, 20)}`,
);
