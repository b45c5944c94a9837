// B2: POST /api/orders, each request on a different ticket, 50 connections, straight to
// the orders service; against the bare app's one INSERT in a transaction.
import { load } from "../lib/load.mjs";
import { user } from "../lib/seed.mjs";
import { round } from "../lib/stats.mjs";

export async function b2PlaceOrders({ stack, baseline, ticketIds, durationS, log }) {
  const buyers = Array.from({ length: 100 }, () => user(stack));
  let next = 0;
  let n = 0;
  const headers = { "content-type": "application/json" };
  // Every request takes the next unused ticket; bounded by `amount` so none is reused.
  const setupRequest = (req) => {
    const ticketId = ticketIds[next++];
    const buyer = buyers[n++ % buyers.length];
    return { ...req, body: JSON.stringify({ ticketId }), headers: { ...headers, cookie: buyer.cookie } };
  };
  const url = `${stack.serviceUrl("orders")}/api/orders`;
  const warmCount = Math.min(1000, Math.floor(ticketIds.length / 5));
  const baseOptions = {
    url: `${baseline.url}/write`,
    method: "POST",
    headers,
    body: JSON.stringify({ title: "x", price: 20 }),
  };

  await load({ ...baseOptions, durationS: 3 });
  const base = await load({ ...baseOptions, durationS });
  log(`B2 baseline INSERT: ${round(base.rps, 0)} req/s, p99 ${base.p99} ms, errors ${base.errors + base.non2xx}`);

  await load({ url, method: "POST", headers, setupRequest, durationS: 3, amount: warmCount });
  const orders = await load({
    url,
    method: "POST",
    headers,
    setupRequest,
    durationS,
    amount: ticketIds.length - warmCount,
  });
  log(
    `B2 orders: ${round(orders.rps, 0)} req/s, p99 ${orders.p99} ms, ${orders.ok} placed, non-2xx ${orders.non2xx} ${JSON.stringify(orders.statusCodes)}, errors ${orders.errors}`,
  );
  if (orders.ok >= ticketIds.length - warmCount) log("B2 warning: ran out of tickets before the time was up");
  return {
    rows: [
      {
        id: "B2",
        workload: "POST /api/orders, a different ticket each, 50 conn",
        figure: "req/s",
        value: round(orders.rps, 0),
        baseline: round(base.rps, 0),
        ratio: base.rps ? orders.rps / base.rps : null,
        target: "≥ 0.4 × baseline",
        met: orders.rps >= 0.4 * base.rps,
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
    ],
    raw: { baseline: base, orders },
    used: next,
  };
}
