// `npm run bench`: starts the system on free loopback ports (own NATS, Redis and
// databases), runs B1–B9 against it and the bare Express + pg baseline in the same run,
// prints one table and writes bench-results/latest.json (+ a timestamped copy and
// latest.md for the README). Bounded: every workload has a duration or a request count.
//
//   npm run bench                      everything (about 8 minutes on 2 vCPUs, B9's million listings included)
//   npm run bench -- --only B1,B4      a subset (B6 needs B1 and B2 for its "after" figure)
//   BENCH_DURATION=10                  seconds per measured throughput run
//   BENCH_TICKETS=10000                tickets stored for B1 (and used by B2)
//   BENCH_LOG_LEVEL=info               the services' LOG_LEVEL
//   BENCH_ORDERS_CONSUMER_CONCURRENCY=16   experiment: orders handles 16 events at once per subject
//   BENCH_SEARCH_SCALES=10000,100000,1000000   listings B9 measures search and event listings at
//   BENCH_SHED_DB_WAITING=64           experiment: the services' load-shedding threshold
//   BENCH_NODE_OPTIONS=...             experiment: NODE_OPTIONS for every service (B6)
//   BENCH_PROFILE=orders,tickets       CPU profiles of these services over B2's load windows only
//                                      (bench-results/profiles/; summaries in the log and JSON)
//   BENCH_ONSALE_VIA=nginx              experiment: B8 through nginx instead of the Node gateway
//   BENCH_KEEP_LOGS=1                  keep the services' logs (their folder is printed at the end)
//   BENCH_ONSALE_BUYERS=5000 BENCH_ONSALE_LISTINGS=1000 BENCH_ONSALE_ARRIVAL_S=10   B8's size
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { startBaseline } from "./lib/baseline.mjs";
import { inspectorEnv } from "./lib/cpu-profile.mjs";
import { rssMb, sleep } from "./lib/processes.mjs";
import { machine, renderTable, writeResults } from "./lib/report.mjs";
import { createTickets, waitReplicated } from "./lib/seed.mjs";
import { BACKEND, notBuilt, ROOT, startStack } from "./lib/stack.mjs";
import { b1ListTickets } from "./workloads/b1-list-tickets.mjs";
import { b2PlaceOrders } from "./workloads/b2-place-orders.mjs";
import { b3EventPropagation } from "./workloads/b3-event-propagation.mjs";
import { b4OneTicketRush } from "./workloads/b4-one-ticket-rush.mjs";
import { b5MassExpiry } from "./workloads/b5-mass-expiry.mjs";
import { b6Footprint, idleRss } from "./workloads/b6-footprint.mjs";
import { b7Client } from "./workloads/b7-client.mjs";
import { b8HotOnSale } from "./workloads/b8-hot-on-sale.mjs";
import { b9SearchScale } from "./workloads/b9-search-scale.mjs";

const args = process.argv.slice(2);
const onlyArg = args.includes("--only") ? args[args.indexOf("--only") + 1] : "B1,B2,B3,B4,B5,B6,B7,B8,B9";
const only = new Set(onlyArg.split(",").map((s) => s.trim().toUpperCase()));
const durationS = Number(process.env.BENCH_DURATION ?? 10);
const ticketCount = Number(process.env.BENCH_TICKETS ?? 10_000);
const log = (line) => console.log(`[bench] ${line}`);

const result = {
  startedAt: new Date().toISOString(),
  machine: machine(),
  settings: { durationS, ticketCount, only: [...only] },
  rows: [],
  raw: {},
  notes: [],
};
const clientBuilt = existsSync(join(ROOT, "client/.next/BUILD_ID"));
const wanted = ["paypal-emulator", ...BACKEND, ...(only.has("B7") && clientBuilt ? ["client"] : [])];
// A service that is not built is left out (and said so): the rows that need it then fail.
const services = wanted.filter((name) => {
  const missing = notBuilt(name);
  if (missing) {
    log(`not running ${name}: ${missing}`);
    result.notes.push(`${name} not run: ${missing}`);
  }
  return !missing;
});

log(`machine: ${JSON.stringify(result.machine)}`);
log(`starting the system (${services.join(", ")}) and the baseline…`);
// Experiment: orders' consumers handling several events at once (see experiments/).
const ordersConcurrency = process.env.BENCH_ORDERS_CONSUMER_CONCURRENCY;
if (ordersConcurrency) result.notes.push(`experiment: orders consumer concurrency ${ordersConcurrency}`);
// A few simulated buyers place thousands of orders: the per-buyer reservation cap (a
// defence against one account holding the market) is lifted for the measurement.
const benchOrders = { MAX_ACTIVE_ORDERS_PER_BUYER: "1000" };
// Services to CPU-profile during B2's load windows: each gets an inspector port (opened by SIGUSR1 then).
const profiled = (process.env.BENCH_PROFILE ?? "").split(",").filter(Boolean);
const inspectors = {};
for (const name of profiled) inspectors[name] = await inspectorEnv();
const nodeOptions = (name) =>
  [process.env.BENCH_NODE_OPTIONS, inspectors[name]?.option].filter(Boolean).join(" ") || undefined;
const profileEnv = Object.fromEntries(profiled.map((name) => [name, { NODE_OPTIONS: nodeOptions(name) }]));
const stack = await startStack({
  prefix: `bench_${process.pid}`,
  services,
  env: {
    // Experiment: the load-shedding threshold of every service (common's SHED_DB_WAITING).
    "*": {
      ...(process.env.BENCH_SHED_DB_WAITING && { SHED_DB_WAITING: process.env.BENCH_SHED_DB_WAITING }),
      // Experiment: V8 flags for every service (B6: e.g. --max-semi-space-size=2).
      ...(process.env.BENCH_NODE_OPTIONS && { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS }),
    },
    ...profileEnv,
    orders: {
      ...benchOrders,
      ...profileEnv.orders,
      ...(ordersConcurrency && { CONSUMER_CONCURRENCY: ordersConcurrency }),
    },
  },
  ...(ordersConcurrency && { commands: { orders: ["node", "../bench/experiments/orders-concurrent.mjs"] } }),
});
let baseline;
let exitCode = 0;
const stopAll = async () => {
  await baseline?.stop().catch(() => {});
  // BENCH_KEEP_LOGS=1 keeps them after a run that passed too (e.g. each request's responseTime).
  const keepLogs = exitCode !== 0 || process.env.BENCH_KEEP_LOGS === "1";
  await stack.stop({ keepLogs }).catch((err) => log(`stopping: ${err.message}`));
  if (keepLogs) log(`the services' logs are in ${stack.dir}/logs`);
};
process.once("SIGINT", () => stopAll().then(() => process.exit(130)));
try {
  baseline = await startBaseline({ prefix: stack.prefix, dir: stack.dir, rows: ticketCount });
  await sleep(5000); // let start-up work (JIT, first connections) settle before "idle"
  const idle = idleRss(stack);
  const baselineRss = { idle: rssMb(baseline.pid), loaded: null };

  let ticketIds = [];
  if (only.has("B1") || only.has("B2")) {
    log(`seeding ${ticketCount} tickets through the tickets service…`);
    const t = performance.now();
    ticketIds = await createTickets(stack, ticketCount, { concurrency: 32 });
    await waitReplicated(stack, ticketIds);
    // What autovacuum does on its own within a minute of such a burst: planner statistics.
    await stack.pool("tickets").query("analyze");
    await stack.pool("orders").query("analyze");
    log(`seeded and replicated in ${Math.round(performance.now() - t)} ms`);
  }
  const add = (name, r) => {
    result.rows.push(...r.rows);
    result.raw[name] = r.raw;
  };
  if (only.has("B1")) add("B1", await b1ListTickets({ stack, baseline, durationS, stored: ticketCount, log }));
  const profile = profiled.length
    ? {
        dir: join(ROOT, "bench-results", "profiles", `b2-${process.pid}`),
        targets: profiled.map((name) => ({
          label: name,
          pid: stack.instance(name).handle.pid,
          port: inspectors[name].port,
        })),
      }
    : null;
  if (profile) mkdirSync(profile.dir, { recursive: true });
  if (only.has("B2")) add("B2", await b2PlaceOrders({ stack, baseline, ticketIds, durationS, log, profile }));
  const loaded = idleRss(stack);
  baselineRss.loaded = rssMb(baseline.pid);
  if (only.has("B4")) add("B4", await b4OneTicketRush({ stack, baseline, log }));
  if (only.has("B3")) add("B3", await b3EventPropagation({ stack, baseline, log }));
  if (only.has("B6")) add("B6", await b6Footprint({ stack, baseline, idle, loaded, baselineRss, log }));
  if (only.has("B7")) add("B7", await b7Client({ stack, built: clientBuilt, log }));
  if (only.has("B8")) {
    add(
      "B8",
      await b8HotOnSale({
        stack,
        log,
        buyers: Number(process.env.BENCH_ONSALE_BUYERS ?? 5000),
        listings: Number(process.env.BENCH_ONSALE_LISTINGS ?? 1000),
        arrivalS: Number(process.env.BENCH_ONSALE_ARRIVAL_S ?? 10),
      }),
    );
  }
  // It restarts orders with a short reservation time.
  if (only.has("B5")) add("B5", await b5MassExpiry({ stack, baseline, log }));
  // Last: it replaces tickets' listings and events with generated ones that orders never
  // heard of, so no workload (nor B8's consistency check) may run after it.
  if (only.has("B9")) {
    const scales = (process.env.BENCH_SEARCH_SCALES ?? "10000,100000,1000000").split(",").map(Number);
    add("B9", await b9SearchScale({ stack, durationS, scales, log }));
  }
} catch (err) {
  log(`FAILED: ${err.stack ?? err}`);
  result.notes.push(`failed: ${err.message}`);
  exitCode = 1;
} finally {
  await stopAll();
}

const order = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9"];
result.rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
const file = writeResults(join(ROOT, "bench-results"), result);
console.log(`\n${renderTable(result.rows)}\n`);
log(`results: ${file} (and bench-results/latest.md for the README)`);
process.exit(exitCode);
