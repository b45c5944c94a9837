// B1: the public listing, GET /api/tickets?limit=20 with 10,000 tickets stored, 50
// connections, straight to the tickets service and through the gateway, against the bare
// app's one SELECT of 20 rows from 10,000, measured in alternating rounds (lib/load.mjs).
import { interleaved, warm } from "../lib/load.mjs";
import { round } from "../lib/stats.mjs";

export async function b1ListTickets({ stack, baseline, durationS, stored, log }) {
  const path = "/api/tickets?limit=20";
  const targets = {
    "baseline SELECT": { url: `${baseline.url}/read` },
    "tickets direct": { url: `${stack.serviceUrl("tickets")}${path}` },
    "through gateway": { url: `${stack.url}${path}` },
    ...(stack.nginxUrl && { "through nginx": { url: `${stack.nginxUrl}${path}` } }),
  };
  if (!stack.nginxUrl) log("B1: nginx is not installed: the gateway comparison is skipped");
  for (const options of Object.values(targets)) await warm(options);
  const measured = await interleaved(targets, { durationS });
  for (const [label, r] of Object.entries(measured)) {
    log(
      `B1 ${label}: ${round(r.rps, 0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; rounds ${JSON.stringify(r.rounds)}`,
    );
  }
  const {
    "baseline SELECT": base,
    "tickets direct": direct,
    "through gateway": gateway,
    "through nginx": nginx,
  } = measured;
  const ratio = (a, b) => (b ? a / b : null);
  // The spread over the 3 alternating rounds: the ratio of each round, lowest–highest.
  const spread = (sys) => {
    const rs = sys.rounds.map((r, i) => r.rps / Math.max(1, base.rounds[i]?.rps ?? 0)).sort((a, b) => a - b);
    return `${rs[0].toFixed(2)}–${rs[rs.length - 1].toFixed(2)}`;
  };
  const rows = [
    {
      id: "B1",
      workload: `GET /api/tickets?limit=20, ${stored} stored, 50 conn — direct`,
      figure: "req/s (ratio per round)",
      value: `${round(direct.rps, 0)} (${spread(direct)})`,
      baseline: round(base.rps, 0),
      ratio: ratio(direct.rps, base.rps),
      target: "≥ 0.6 × baseline",
      met: direct.rps >= 0.6 * base.rps,
    },
    {
      id: "B1",
      workload: "  direct",
      figure: "p50 / p99 ms",
      value: `${direct.p50} / ${direct.p99}`,
      baseline: `${base.p50} / ${base.p99}`,
      ratio: ratio(direct.p99, base.p99),
      target: "",
      met: null,
    },
    {
      id: "B1",
      workload: "  through the gateway",
      figure: "req/s (ratio per round)",
      value: `${round(gateway.rps, 0)} (${spread(gateway)})`,
      baseline: round(base.rps, 0),
      ratio: ratio(gateway.rps, base.rps),
      target: "",
      met: null,
    },
    {
      id: "B1",
      workload: "  through the gateway",
      figure: "p50 / p99 ms",
      value: `${gateway.p50} / ${gateway.p99}`,
      baseline: `${base.p50} / ${base.p99}`,
      ratio: ratio(gateway.p99, base.p99),
      target: "",
      met: null,
    },
    ...(nginx
      ? [
          {
            id: "B1",
            workload: "  through nginx (same routes)",
            figure: "req/s (ratio per round); p50 / p99 ms",
            value: `${round(nginx.rps, 0)} (${spread(nginx)}); ${nginx.p50} / ${nginx.p99}`,
            baseline: `${round(base.rps, 0)}; ${base.p50} / ${base.p99}`,
            ratio: ratio(nginx.rps, base.rps),
            target: "",
            met: null,
          },
        ]
      : []),
  ];
  const errors = direct.non2xx + direct.errors + gateway.non2xx + gateway.errors;
  if (errors) log(`B1 warning: ${errors} failed requests (see the service logs)`);
  return { rows, raw: { baseline: base, direct, gateway, nginx } };
}
