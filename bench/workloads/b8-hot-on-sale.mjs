// B8: a hot on-sale. One event, LISTINGS listings, BUYERS distinct signed-in buyers arriving
// within ARRIVAL_S seconds through the gateway. Each buyer presses "Buy" on a random listing;
// on 409 (taken) it reads the event's listing page and tries another one it shows, until it
// has one or the page is empty; on 429/503 it waits the Retry-After and tries again. Every
// buyer connects from a loopback address of its own (127.0.x.y), as distinct clients would,
// so the gateway's per-client limits apply per buyer, not to the load generator as a whole,
// over one keep-alive connection as a browser would.
import http from "node:http";
import { availableParallelism } from "node:os";
import { cpuBetween, stackCpuSampler } from "../lib/cpu.mjs";
import { createTickets, user, waitReplicated } from "../lib/seed.mjs";
import { percentile, round } from "../lib/stats.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function send(baseUrl, method, path, { body, cookie, localAddress, agent, timeoutMs = 10_000 }) {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress,
        agent,
        timeout: timeoutMs,
        headers: {
          accept: "application/json",
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          let parsed = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {}
          resolve({
            status: res.statusCode,
            body: parsed,
            retryAfter: Number(res.headers["retry-after"] ?? 0),
            ms: performance.now() - started,
          });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (err) =>
      resolve({
        status: err.message === "timeout" ? "timeout" : "error",
        error: err.message,
        ms: performance.now() - started,
      }),
    );
    req.end(payload);
  });
}

export async function b8HotOnSale({ stack, log, buyers: buyerCount = 5000, listings = 1000, arrivalS = 10 }) {
  log(`B8: seeding one event with ${listings} listings…`);
  // The first listing creates the event; the rest find it, two at a time (every listing of
  // an event locks the event row to update its summary: more at once only queue there).
  const first = await createTickets(stack, 1, { sellers: 1, sameEvent: true });
  const ids = [
    ...first,
    ...(await createTickets(stack, listings - 1, { concurrency: 2, sellers: 20, sameEvent: true })),
  ];
  await waitReplicated(stack, ids);
  await stack.pool("tickets").query("analyze");
  await stack.pool("orders").query("analyze");
  const { rows: ev } = await stack.pool("tickets").query("select event_id from tickets where id = $1", [ids[0]]);
  const eventId = ev[0]?.event_id;
  // Each buyer is a browser: its own address and one keep-alive connection.
  const buyers = Array.from({ length: buyerCount }, (_, i) => {
    const localAddress = `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
    return { ...user(stack), localAddress, agent: new http.Agent({ keepAlive: true, maxSockets: 1, localAddress }) };
  });
  const answers = []; // { status, ms }
  let bought = 0;
  let gaveUp = 0;
  // Experiment: BENCH_ONSALE_VIA=nginx sends the buyers through nginx (same routes) instead.
  const viaNginx = process.env.BENCH_ONSALE_VIA === "nginx" && stack.nginxUrl;
  const base = viaNginx ? stack.nginxUrl : stack.url;
  if (viaNginx) log("B8: through nginx (experiment)");
  async function shop(buyer) {
    let candidates = ids;
    for (let attempt = 0; attempt < 50; attempt++) {
      const ticketId = candidates[Math.floor(Math.random() * candidates.length)];
      const r = await send(base, "POST", "/api/orders", {
        body: { ticketId },
        cookie: buyer.cookie,
        localAddress: buyer.localAddress,
      });
      answers.push({ status: r.status, ms: r.ms, kind: "order" });
      if (r.status === 201) {
        bought++;
        return;
      }
      if (r.status === 429 || r.status === 503) {
        await sleep((r.retryAfter || 1) * 1000 * (0.5 + Math.random()));
        continue;
      }
      if (r.status !== 409) return;
      // Taken: look at what the event still lists and pick from that.
      const page = await send(base, "GET", `/api/tickets?eventId=${eventId}&limit=100`, {
        localAddress: buyer.localAddress,
        agent: buyer.agent,
      });
      answers.push({ status: page.status, ms: page.ms, kind: "listing" });
      if (page.status === 429 || page.status === 503) {
        await sleep((page.retryAfter || 1) * 1000 * (0.5 + Math.random()));
        continue;
      }
      const left = page.body?.tickets?.map((t) => t.id) ?? [];
      if (left.length === 0) {
        gaveUp++;
        return;
      }
      candidates = left;
    }
    gaveUp++;
  }
  log(`B8: ${buyerCount} buyers arriving over ${arrivalS} s through the gateway…`);
  // Where the cores go during the on-sale: CPU seconds of every process over the window.
  const sampleCpu = stackCpuSampler(stack);
  const cpuBefore = await sampleCpu();
  const started = performance.now();
  await Promise.all(
    buyers.map(async (buyer, i) => {
      await sleep((i / buyerCount) * arrivalS * 1000);
      await shop(buyer);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuShares(cpuBetween(cpuBefore, await sampleCpu()), seconds);
  log(`B8: CPU over the ${round(seconds, 1)} s on-sale, share of ${availableParallelism()} cores: ${cpu.text}`);
  for (const buyer of buyers) buyer.agent.destroy();
  const { rows: held } = await stack
    .pool("orders")
    .query(
      "select count(*)::int as orders, count(distinct ticket_id)::int as tickets from orders where status in ('created','complete') and ticket_id = any($1::uuid[])",
      [ids],
    );
  const statuses = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const fiveHundreds = answers.filter((a) => typeof a.status === "number" && a.status >= 500).length;
  const timeouts = answers.filter((a) => a.status === "timeout" || a.status === "error").length;
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const p99Of = (kind, status) => {
    const list = answers
      .filter((a) => a.kind === kind && (status === undefined || a.status === status))
      .map((a) => a.ms);
    return round(percentile(list, 99), 0);
  };
  log(
    `B8: p99 by answer: order 201 ${p99Of("order", 201)} ms, 409 ${p99Of("order", 409)} ms, 429 ${p99Of("order", 429)} ms; listing page ${p99Of("listing")} ms`,
  );
  const soldOnce = held[0].orders === held[0].tickets;
  const allSold = held[0].tickets === listings;
  log(
    `B8: ${bought} bought, ${gaveUp} left empty-handed in ${round(seconds, 1)} s; answers ${JSON.stringify(statuses)}; p50 ${round(p50, 0)} ms, p99 ${round(p99, 0)} ms; holding orders ${held[0].orders} on ${held[0].tickets} distinct listings`,
  );
  let consistency = "not checked";
  try {
    const { finalCheck } = await import("../../chaos/lib/scenario.mjs");
    const violations = await finalCheck(stack, 60_000);
    consistency = violations.length ? JSON.stringify(violations).slice(0, 500) : "clean";
  } catch (err) {
    consistency = `could not run: ${err.message}`;
  }
  log(`B8: consistency checker: ${consistency}`);
  const label = `${buyerCount} buyers in ${arrivalS} s, ${listings} listings of one event (gateway)`;
  return {
    rows: [
      {
        id: "B8",
        workload: label,
        figure: "listings sold (holding orders; distinct listings)",
        value: `${held[0].orders}; ${held[0].tickets}`,
        baseline: "—",
        ratio: null,
        target: `each at most once; all ${listings}`,
        met: soldOnce && allSold,
      },
      {
        id: "B8",
        workload: "",
        figure: "answers ≥ 500 / time-outs or resets / 429 (shed, Retry-After)",
        value: `${fiveHundreds} / ${timeouts} / ${statuses[429] ?? 0}`,
        baseline: "—",
        ratio: null,
        target: "0 / 0 / any",
        met: fiveHundreds === 0 && timeouts === 0,
      },
      {
        id: "B8",
        workload: "",
        figure: "answers p50 / p99 ms (429s counted)",
        value: `${round(p50, 0)} / ${round(p99, 0)}`,
        baseline: "—",
        ratio: null,
        target: "p99 ≤ 2000 ms",
        met: p99 <= 2000,
      },
      {
        id: "B8",
        workload: "",
        figure: "CPU over the on-sale, share of the cores (largest)",
        value: cpu.text,
        baseline: "—",
        ratio: null,
        target: "—",
        met: null,
      },
      {
        id: "B8",
        workload: "",
        figure: "consistency checker",
        value: consistency === "clean" ? "clean" : "violations",
        baseline: "—",
        ratio: null,
        target: "clean",
        met: consistency === "clean",
      },
    ],
    raw: {
      statuses,
      bought,
      gaveUp,
      seconds,
      p50,
      p99,
      held: held[0],
      consistency,
      buyers: buyerCount,
      listings,
      cpuShare: cpu.byProcess,
    },
  };
}

/** Each process's CPU as a share of all cores over `seconds`, largest first: "total 97 % — gateway 21 %, …". */
function cpuShares(cpuSeconds, seconds) {
  const capacity = availableParallelism() * seconds;
  const entries = Object.entries(cpuSeconds)
    .map(([label, s]) => [label, (100 * s) / capacity])
    .filter(([, pct]) => pct >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, pct]) => sum + pct, 0);
  const byProcess = Object.fromEntries(entries.map(([l, pct]) => [l, Math.round(pct)]));
  const text = `total ${Math.round(total)} % (${entries
    .slice(0, 6)
    .map(([l, pct]) => `${l} ${Math.round(pct)} %`)
    .join(", ")})`;
  return { byProcess, text };
}
