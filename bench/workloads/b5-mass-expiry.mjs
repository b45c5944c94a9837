// B5: 500 orders that expire in the same second. How late is each cancellation after
// its `expiresAt`? The orders service is restarted with a short ORDER_EXPIRATION_SECONDS,
// the 500 orders are placed as fast as the service takes them (their expiresAt spread
// is reported), and each cancellation's commit is observed by LISTEN/NOTIFY.

import { expiryBaseline } from "../lib/baseline.mjs";
import { pool, request } from "../lib/http.mjs";
import { watchRows } from "../lib/observe.mjs";
import { createTickets, user, waitReplicated } from "../lib/seed.mjs";
import { round, summary } from "../lib/stats.mjs";

const wallNow = () => performance.timeOrigin + performance.now();

export async function b5MassExpiry({ stack, baseline, count = 500, expirationSeconds = 15, log }) {
  const ticketIds = await createTickets(stack, count, { concurrency: 32 });
  await waitReplicated(stack, ticketIds);
  await stack.restart("orders", 0, { ORDER_EXPIRATION_SECONDS: String(expirationSeconds) });
  const cancelled = await watchRows(stack.databaseUrl("orders"), {
    table: "orders",
    channel: "bench_order_cancelled",
    on: "update",
    when: "NEW.status = 'cancelled' AND OLD.status <> 'cancelled'",
  });
  const buyers = Array.from({ length: 50 }, () => user(stack));
  const placed = await pool(count, 50, async (i) => {
    const res = await request(stack.serviceUrl("orders"), "POST", "/api/orders", {
      body: { ticketId: ticketIds[i] },
      cookie: buyers[i % 50].cookie,
    });
    return res.status === 201 ? { id: res.body.order.id, expiresAt: Date.parse(res.body.order.expiresAt) } : null;
  });
  const orders = placed.filter(Boolean);
  const expiries = orders.map((o) => o.expiresAt);
  const spreadMs = Math.max(...expiries) - Math.min(...expiries);
  const seen = await cancelled.waitFor(
    orders.map((o) => o.id),
    expirationSeconds * 1000 + 60_000,
  );
  const lateness = orders
    .filter((o) => cancelled.seen.has(o.id))
    .map((o) => performance.timeOrigin + cancelled.seen.get(o.id) - o.expiresAt);
  await cancelled.close();
  const s = summary(lateness);
  log(
    `B5: ${orders.length} orders (expiresAt spread ${spreadMs} ms), ${seen} cancelled; lateness p50 ${round(s.p50, 0)} ms, p99 ${round(s.p99, 0)} ms, max ${round(s.max, 0)} ms (now ${new Date(wallNow()).toISOString()})`,
  );
  const base = await expiryBaseline({ baseline, redisUrl: stack.redis.url, count, dueInMs: 10_000 });
  log(
    `B5 baseline (bare BullMQ delayed job → UPDATE): ${base.cancelled}/${base.count}, lateness p50 ${round(base.p50, 0)} ms, p99 ${round(base.p99, 0)} ms`,
  );
  return {
    rows: [
      {
        id: "B5",
        workload: `${orders.length} orders expiring within ${round(spreadMs / 1000, 1)} s`,
        figure: "cancel lateness p50 / p99 ms",
        value: `${round(s.p50, 0)} / ${round(s.p99, 0)}`,
        baseline: `${round(base.p50, 0)} / ${round(base.p99, 0)}`,
        ratio: base.p99 && s.p99 !== null ? s.p99 / base.p99 : null,
        target: "p99 ≤ 1000 ms",
        met: seen === count && orders.length === count && s.p99 !== null && s.p99 <= 1000,
      },
    ],
    raw: { baseline: base, placed: orders.length, cancelled: seen, spreadMs, ...s },
  };
}
