// B2: POST /api/orders, each request on a different ticket, 50 connections, straight to
// the orders service; against the bare app's one INSERT in a transaction, in alternating rounds.
import { interleaved, load } from "../lib/load.mjs";
import { commits, commitsPerDatabase } from "../lib/pgstats.mjs";
import { user } from "../lib/seed.mjs";
import { round } from "../lib/stats.mjs";

export async function b2PlaceOrders({ stack, baseline, ticketIds, durationS, log }) {
  const buyers = Array.from({ length: 100 }, () => user(stack));
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
  const firstTicket = next;
  // Alternating rounds, bounded by time (autocannon ignores the duration when given an amount).
  const { baseline: base, orders } = await interleaved(
    { baseline: baseOptions, orders: { url, method: "POST", headers, setupRequest } },
    { durationS },
  );
  // Every service the orders set in motion (events, replicas, relays), once they are done.
  await new Promise((r) => setTimeout(r, 3000));
  const perDb1 = await commitsPerDatabase(stack.databases);
  const perOrder = (Object.values(perDb1).reduce((a, b) => a + b, 0) - commits0) / Math.max(1, orders.ok);
  // Where they come from: each service's database.
  const byService = Object.fromEntries(
    Object.keys(perDb1).map((db) => [
      db.replace(`${stack.prefix}_`, ""),
      Number(((perDb1[db] - (perDb0[db] ?? 0)) / Math.max(1, orders.ok)).toFixed(2)),
    ]),
  );
  const baseCommits = ((await commits(baseDb)) - baseCommits0) / Math.max(1, base.ok);
  log(
    `B2 baseline INSERT: ${round(base.rps, 0)} req/s, p99 ${base.p99} ms, errors ${base.errors + base.non2xx}; rounds ${JSON.stringify(base.rounds)}`,
  );
  log(
    `B2 orders: ${round(orders.rps, 0)} req/s, p99 ${orders.p99} ms, ${orders.ok} placed, non-2xx ${orders.non2xx}, errors ${orders.errors}; rounds ${JSON.stringify(orders.rounds)}`,
  );
  log(
    `B2: ${perOrder.toFixed(1)} commits per order across the services' databases (baseline ${baseCommits.toFixed(1)} per insert); per service ${JSON.stringify(byService)}`,
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
    ],
    raw: {
      baseline: base,
      orders,
      commitsPerOrder: perOrder,
      commitsPerOrderByService: byService,
      commitsPerBaselineInsert: baseCommits,
    },
    used: next,
  };
}
