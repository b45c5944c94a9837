// Where a service spends its CPU under a benchmark workload: drives B1's or B2's traffic at
// it and profiles it over the load only (not its start-up or the seeding: lib/cpu-profile.mjs
// opens its inspector with SIGUSR1 and runs V8's profiler around the load), then prints self
// time by package, the hottest functions and our functions with their callees.
//
//   node bench/profile.mjs tickets   GET /api/tickets?limit=20 with 10,000 tickets
//   node bench/profile.mjs orders    POST /api/orders, a different ticket each
//   BENCH_DURATION=15                seconds of load
// (`BENCH_PROFILE=orders,tickets,payments node bench/run.mjs --only B2` profiles several
// services at once over B2's rounds, beside B2's CPU accounting.)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { inspectorEnv, renderProfileSummary, startProfiles, summarizeProfiles } from "./lib/cpu-profile.mjs";
import { load } from "./lib/load.mjs";
import { createTickets, user, waitReplicated } from "./lib/seed.mjs";
import { ROOT, startStack } from "./lib/stack.mjs";

const target = process.argv[2] ?? "tickets";
// In the git-ignored bench-results/, not in the service's folder.
const dir = join(ROOT, "bench-results", "profiles", `${target}-${process.pid}`);
mkdirSync(dir, { recursive: true });
const seconds = Number(process.env.BENCH_DURATION ?? 15);
const inspector = await inspectorEnv();
const stack = await startStack({
  prefix: `bench_prof_${process.pid}`,
  // Lifted per-buyer reservation cap: 100 simulated buyers place thousands of orders.
  env: { [target]: { NODE_OPTIONS: inspector.option, MAX_ACTIVE_ORDERS_PER_BUYER: "1000" } },
});
let profiles = [];
try {
  const ids = await createTickets(stack, target === "tickets" ? 10_000 : 6_000, { concurrency: 32 });
  await waitReplicated(stack, ids);
  await stack.pool("tickets").query("analyze");
  await stack.pool("orders").query("analyze");
  const stop = await startProfiles(
    [{ label: target, pid: stack.instance(target).handle.pid, port: inspector.port }],
    dir,
  );
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
  profiles = await stop();
} finally {
  await stack.stop();
}
console.log(
  `\n${renderProfileSummary(
    summarizeProfiles(
      target,
      profiles.map((p) => p.profile),
    ),
  )}\n(${dir})`,
);
