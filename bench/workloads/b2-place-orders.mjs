// B2: POST /api/orders, each request on a different ticket, 50 connections, straight to
// the orders service; against the bare app's one INSERT in a transaction, in alternating rounds.
import { availableParallelism } from "node:os";
import pg from "pg";
import { addCpu, cpuBetween, cpuSampler, stackCpuSampler } from "../lib/cpu.mjs";
import { renderProfileSummary, startProfiles, summarizeProfiles } from "../lib/cpu-profile.mjs";
import { interleaved, load } from "../lib/load.mjs";
import {
  activityPer,
  commits,
  commitsPerDatabase,
  statementActivity,
  statementsPer,
  tableActivity,
} from "../lib/pgstats.mjs";
import { sleep } from "../lib/processes.mjs";
import { user } from "../lib/seed.mjs";
import { round } from "../lib/stats.mjs";

/** CPU ms per placed order of every process of the stack, and per insert of the bare app. */
function cpuSamplers(stack, baseline) {
  const system = stackCpuSampler(stack);
  const bare = cpuSampler({
    groups: { "bare app": baseline.pid },
    databases: { "postgres (bare app)": [`${stack.prefix}_baseline`] },
  });
  return { system, bare };
}

/** CPU seconds per second of each process while nothing is asked of the system. */
async function idleRate(sample, ms) {
  const before = await sample();
  await sleep(ms);
  const used = cpuBetween(before, await sample());
  return Object.fromEntries(Object.entries(used).map(([k, s]) => [k, s / (ms / 1000)]));
}

/** label → ms per request, largest first, with the total. */
function perRequest(cpuSeconds, requests) {
  const entries = Object.entries(cpuSeconds)
    .map(([label, s]) => [label, (1000 * s) / Math.max(1, requests)])
    .filter(([, ms]) => ms >= 0.005)
    .sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, ms]) => sum + ms, 0);
  return {
    total: Number(total.toFixed(2)),
    byProcess: Object.fromEntries(entries.map(([l, ms]) => [l, Number(ms.toFixed(2))])),
  };
}

const describe = ({ byProcess }) =>
  Object.entries(byProcess)
    .map(([label, ms]) => `${label} ${ms}`)
    .join(", ");

/**
 * @param {{ profile?: { dir: string, targets: Array<{ label: string, pid: number, port: number }> } | null }} options
 *   profile: services to CPU-profile during the orders rounds (bench/run.mjs, BENCH_PROFILE)
 */
export async function b2PlaceOrders({ stack, baseline, ticketIds, durationS, log, profile = null }) {
  // BENCH_B2_BUYERS: how many signed-in buyers share the orders (each holds more the fewer they are).
  const buyers = Array.from({ length: Number(process.env.BENCH_B2_BUYERS ?? 100) }, () => user(stack));
  let next = 0;
  let n = 0;
  const headers = { "content-type": "application/json" };
  // Every request takes the next unused ticket, so no two orders race for one.
  const setupRequest = (req) => {
    // Past the end (more requests than tickets) the last ticket repeats and gets 409,
    // which the figure does not count as done.
    const ticketId = ticketIds[Math.min(next++, ticketIds.length - 1)];
    const buyer = buyers[n++ % buyers.length];
    return { ...req, body: JSON.stringify({ ticketId }), headers: { ...headers, cookie: buyer.cookie } };
  };
  const url = `${stack.serviceUrl("orders")}/api/orders`;
  const baseOptions = {
    url: `${baseline.url}/write`,
    method: "POST",
    headers,
    body: JSON.stringify({ title: "x", price: 20 }),
  };

  const baseDb = [`${stack.prefix}_baseline`];
  await load({ ...baseOptions, durationS: 2 });
  await load({ url, method: "POST", headers, setupRequest, durationS: 2 });
  const [baseCommits0, perDb0] = [await commits(baseDb), await commitsPerDatabase(stack.databases)];
  const commits0 = Object.values(perDb0).reduce((a, b) => a + b, 0);
  const serviceDbs = Object.fromEntries(
    ["orders", "tickets", "payments"].map((name) => [name, stack.databaseUrl(name)]),
  );
  const tables0 = await tableActivity(serviceDbs);
  const statements0 = await statementActivity(stack.databases);
  // Orders placed, counted in orders' database: autocannon counts the answers that arrived
  // within a round, not the requests still in flight when it ends (up to 50 a round), which
  // orders completes too and whose work the samples include.
  const placedNow = async () => (await stack.pool("orders").query("select count(*)::int as n from orders")).rows[0].n;
  const placed0 = await placedNow();
  const insertedNow = async () => {
    const client = new pg.Client({ connectionString: baseline.databaseUrl });
    await client.connect();
    try {
      return (await client.query("select count(*)::int as n from baseline_items")).rows[0].n;
    } finally {
      await client.end();
    }
  };
  const inserted0 = await insertedNow();
  const firstTicket = next;
  // CPU time of every process during the load windows only (seeding excluded). An orders
  // round's window closes once the work it set in motion (relay, consumers, expiration's
  // job) is done, so that work is not counted in the bare app's next round.
  // What the processes spend doing nothing (relay sweeps, timers, health checks) is taken
  // out, so the figure is the cost of an order, whatever the rate.
  const samplers = cpuSamplers(stack, baseline);
  const idle = await idleRate(samplers.system, 3000);
  const cpu = { baseline: {}, orders: {} };
  const profiles = [];
  const around = async (label, run) => {
    const sample = label === "orders" ? samplers.system : samplers.bare;
    const stopProfiles = label === "orders" && profile ? await startProfiles(profile.targets, profile.dir) : null;
    const before = await sample();
    const t0 = performance.now();
    const result = await run();
    if (label === "orders") await sleep(1500);
    const used = cpuBetween(before, await sample());
    if (stopProfiles) profiles.push(...(await stopProfiles()));
    if (label === "orders") {
      const s = (performance.now() - t0) / 1000;
      for (const k of Object.keys(used)) if (k !== "load generator") used[k] -= (idle[k] ?? 0) * s;
    }
    addCpu(cpu[label], used);
    return result;
  };
  // Alternating rounds, bounded by time (autocannon ignores the duration when given an amount).
  const { baseline: base, orders } = await interleaved(
    { baseline: baseOptions, orders: { url, method: "POST", headers, setupRequest } },
    { durationS, around },
  );
  const placed = (await placedNow()) - placed0;
  const cpuPerOrder = perRequest(cpu.orders, placed);
  const inserted = (await insertedNow()) - inserted0;
  const cpuPerInsert = perRequest(cpu.baseline, inserted);
  const cores = availableParallelism();
  const profileSummaries = (profile?.targets ?? []).map((t) =>
    summarizeProfiles(
      t.label,
      profiles.filter((p) => p.label === t.label).map((p) => p.profile),
    ),
  );
  for (const s of profileSummaries)
    log(`B2 profile over the orders rounds (${profile.dir})\n${renderProfileSummary(s)}`);
  // Every service the orders set in motion (events, replicas, relays), once they are done.
  await new Promise((r) => setTimeout(r, 3000));
  const perDb1 = await commitsPerDatabase(stack.databases);
  const tablesPerOrder = activityPer(tables0, await tableActivity(serviceDbs), placed);
  const statementsPerOrder = statementsPer(statements0, await statementActivity(stack.databases), placed, stack.prefix);
  const perOrder = (Object.values(perDb1).reduce((a, b) => a + b, 0) - commits0) / Math.max(1, placed);
  // Where they come from: each service's database.
  const byService = Object.fromEntries(
    Object.keys(perDb1).map((db) => [
      db.replace(`${stack.prefix}_`, ""),
      Number(((perDb1[db] - (perDb0[db] ?? 0)) / Math.max(1, placed)).toFixed(2)),
    ]),
  );
  const baseCommits = ((await commits(baseDb)) - baseCommits0) / Math.max(1, inserted);
  log(
    `B2 baseline INSERT: ${round(base.rps, 0)} req/s, p99 ${base.p99} ms, errors ${base.errors + base.non2xx}; rounds ${JSON.stringify(base.rounds)}`,
  );
  log(
    `B2 orders: ${round(orders.rps, 0)} req/s, p99 ${orders.p99} ms, ${orders.ok} answered 201 (${placed} placed, in flight at the rounds' ends included), non-2xx ${orders.non2xx}, errors ${orders.errors}; rounds ${JSON.stringify(orders.rounds)}`,
  );
  log(
    `B2: ${perOrder.toFixed(1)} commits per order across the services' databases (baseline ${baseCommits.toFixed(1)} per insert); per service ${JSON.stringify(byService)}`,
  );
  log(
    `B2 CPU when idle, ms per s (taken out of the figures below): ${Object.entries(idle)
      .filter(([, s]) => s >= 0.0005)
      .map(([k, s]) => `${k} ${round(1000 * s, 1)}`)
      .join(", ")}`,
  );
  log(`B2 CPU ms per order: ${cpuPerOrder.total} (${describe(cpuPerOrder)})`);
  log(
    `B2 per order, table by table (scans/inserts/updates/deletes, pg_stat_user_tables): ${Object.entries(tablesPerOrder)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  if (statementsPerOrder) {
    log(
      `B2 statements per order (pg_stat_statements), per database: ${Object.entries(statementsPerOrder.byDatabase)
        .map(([db, v]) => `${db} ${v.statements} (${v.ms} ms)`)
        .join(", ")}\n${statementsPerOrder.statements
        .map((st) => `  ${st.db} ${st.perRequest}× ${st.ms} ms  ${st.query}`)
        .join("\n")}`,
    );
  }
  log(`B2 CPU ms per bare insert: ${cpuPerInsert.total} (${describe(cpuPerInsert)})`);
  log(
    `B2 ceiling on ${cores} cores (all CPU busy, load generator included): ${round((cores * 1000) / cpuPerOrder.total, 0)} orders/s, bare ${round((cores * 1000) / cpuPerInsert.total, 0)} inserts/s`,
  );
  if (next - firstTicket > ticketIds.length - firstTicket)
    log("B2 warning: ran out of tickets (the extra requests got 409): raise BENCH_TICKETS");
  return {
    rows: [
      {
        id: "B2",
        workload: "POST /api/orders, a different ticket each, 50 conn",
        figure: "req/s (ratio per round)",
        value: `${round(orders.rps, 0)} (${orders.rounds
          .map((r, i) => r.rps / Math.max(1, base.rounds[i]?.rps ?? 0))
          .sort((a, b) => a - b)
          .map((x, i, all) => (i === 0 || i === all.length - 1 ? x.toFixed(2) : null))
          .filter(Boolean)
          .join("–")})`,
        baseline: round(base.rps, 0),
        ratio: base.rps ? orders.rps / base.rps : null,
        target: "≥ 0.3 × baseline",
        met: orders.rps >= 0.3 * base.rps,
      },
      {
        id: "B2",
        workload: "",
        figure: "p99 ms",
        value: orders.p99,
        baseline: base.p99,
        ratio: base.p99 ? orders.p99 / base.p99 : null,
        target: "",
        met: null,
      },
      {
        id: "B2",
        workload: "",
        figure: "PostgreSQL commits per request (all services)",
        value: round(perOrder, 1),
        baseline: round(baseCommits, 1),
        ratio: baseCommits ? perOrder / baseCommits : null,
        target: "≤ 3",
        met: perOrder <= 3,
      },
      {
        id: "B2",
        workload: "",
        figure: "CPU ms per request, all processes (largest)",
        value: `${cpuPerOrder.total} (${describe({ byProcess: Object.fromEntries(Object.entries(cpuPerOrder.byProcess).slice(0, 4)) })})`,
        baseline: cpuPerInsert.total,
        ratio: cpuPerInsert.total ? cpuPerOrder.total / cpuPerInsert.total : null,
        target: "",
        met: null,
      },
      {
        id: "B2",
        workload: "",
        figure: `ceiling on ${cores} cores: ${cores} × 1000 / CPU ms per request, req/s`,
        value: round((cores * 1000) / cpuPerOrder.total, 0),
        baseline: round((cores * 1000) / cpuPerInsert.total, 0),
        ratio: cpuPerInsert.total / cpuPerOrder.total,
        target: "",
        met: null,
      },
    ],
    raw: {
      baseline: base,
      orders,
      commitsPerOrder: perOrder,
      commitsPerOrderByService: byService,
      commitsPerBaselineInsert: baseCommits,
      cpuMsPerOrder: cpuPerOrder,
      tablesPerOrder,
      ...(statementsPerOrder && { statementsPerOrder }),
      ...(profileSummaries.length && { profiles: profileSummaries }),
      idleCpuMsPerS: Object.fromEntries(Object.entries(idle).map(([k, s]) => [k, round(1000 * s, 1)])),
      cpuMsPerBaselineInsert: cpuPerInsert,
    },
    used: next,
  };
}
