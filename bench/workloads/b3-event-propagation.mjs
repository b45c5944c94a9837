// B3: how long after a ticket is listed in the tickets service (its file attached: the
// commit that announces it) it can be ordered in the orders service (its row in orders' replica table is committed), with tickets
// listed at a steady 200/s for 20 s (open loop: requests leave on schedule whatever
// the answers do). Both commits are observed by LISTEN/NOTIFY (../lib/observe.mjs), so
// the figure is commit → commit: outbox relay, JetStream, consumer and inbox together.

import { attachTicketFile } from "@m-ticketing/common/testing";
import { propagationBaseline } from "../lib/baseline.mjs";
import { request } from "../lib/http.mjs";
import { watchRows } from "../lib/observe.mjs";
import { ticketBody, user } from "../lib/seed.mjs";
import { round, summary } from "../lib/stats.mjs";

/** A seller's listing request that, like a browser, comes back after a 429/503's Retry-After. */
async function listShedAware(stack, body, cookie) {
  for (let attempt = 1; ; attempt++) {
    const res = await request(stack.serviceUrl("tickets"), "POST", "/api/tickets", { body, cookie });
    if ((res.status !== 429 && res.status !== 503) || attempt >= 10) return res;
    await new Promise((r) => setTimeout(r, Number(res.headers["retry-after"] ?? 1) * 1000 * (0.5 + Math.random())));
  }
}

export async function b3EventPropagation({ stack, baseline, ratePerS = 200, seconds = 20, log }) {
  const created = await watchRows(stack.databaseUrl("tickets"), {
    table: "tickets",
    channel: "bench_ticket_committed",
    on: "update",
    when: "old.listed_at is null and new.listed_at is not null",
  });
  const replicated = await watchRows(stack.databaseUrl("orders"), {
    table: "tickets",
    channel: "bench_ticket_replicated",
  });
  const sellers = Array.from({ length: 20 }, () => user(stack));
  const total = ratePerS * seconds;
  const ids = [];
  let failed = 0;
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      listShedAware(stack, ticketBody(i), sellers[i % sellers.length].cookie)
        .then(async (res) => {
          if (res.status !== 201) return failed++;
          await attachTicketFile(stack.serviceUrl("tickets"), sellers[i % sellers.length].cookie, res.body.ticket.id);
          ids.push(res.body.ticket.id);
        })
        .catch(() => failed++),
    );
  }
  await Promise.all(inFlight);
  const sendS = (performance.now() - started) / 1000;
  const arrived = await replicated.waitFor(ids, 60_000);
  const latencies = ids
    .filter((id) => created.seen.has(id) && replicated.seen.has(id))
    .map((id) => replicated.seen.get(id) - created.seen.get(id));
  await created.close();
  await replicated.close();
  const s = summary(latencies);
  log(
    `B3: ${ids.length} tickets in ${round(sendS, 1)} s (${failed} failed), ${arrived} replicated; propagation p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms, max ${round(s.max, 1)} ms`,
  );
  const base = await propagationBaseline({
    baseline,
    nats: stack.nats,
    dir: stack.dir,
    rate: ratePerS,
    seconds,
  });
  log(
    `B3 baseline (bare INSERT → JetStream → INSERT): p50 ${round(base.p50, 1)} ms, p99 ${round(base.p99, 1)} ms, max ${round(base.max, 1)} ms over ${base.count}`,
  );
  return {
    rows: [
      {
        id: "B3",
        workload: `ticket.created → orderable in orders, ${ratePerS}/s for ${seconds} s`,
        figure: "p50 / p99 / max ms",
        value: `${round(s.p50, 1)} / ${round(s.p99, 1)} / ${round(s.max, 1)}`,
        baseline: `${round(base.p50, 1)} / ${round(base.p99, 1)} / ${round(base.max, 1)}`,
        ratio: base.p99 && s.p99 !== null ? s.p99 / base.p99 : null,
        target: "p50 ≤ 3× and p99 ≤ 1.5× baseline",
        met:
          arrived === ids.length &&
          failed === 0 &&
          s.p50 !== null &&
          s.p99 !== null &&
          s.p50 <= 3 * base.p50 &&
          s.p99 <= 1.5 * base.p99,
      },
    ],
    raw: { baseline: base, sent: total, created: ids.length, failed, replicated: arrived, sendSeconds: sendS, ...s },
  };
}
