// Throughput workloads through autocannon (a real HTTP load generator, closed loop:
// `connections` keep-alive connections each with one request in flight).
import autocannon from "autocannon";

/**
 * @param {{ url: string, connections?: number, durationS?: number, amount?: number,
 *   method?: string, headers?: object, body?: string, setupRequest?: (req: object) => object }} options
 *   amount bounds the number of requests instead: autocannon then ignores the duration.
 * @returns {Promise<{ rps: number, p50: number, p99: number, total: number, ok: number, non2xx: number, errors: number, durationS: number }>}
 */
export async function load({
  url,
  connections = 50,
  durationS = 10,
  amount,
  method = "GET",
  headers = {},
  body,
  setupRequest,
}) {
  const options = {
    url,
    connections,
    duration: durationS,
    method,
    headers,
    body,
    timeout: 10,
    ...(amount ? { amount } : {}),
    ...(setupRequest ? { requests: [{ method, headers, body, setupRequest }] } : {}),
  };
  const result = await autocannon(options);
  const ok = result["2xx"] ?? 0;
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok,
    non2xx: result.non2xx ?? 0,
    errors: (result.errors ?? 0) + (result.timeouts ?? 0),
    durationS: result.duration,
    statusCodes: result.statusCodeStats ?? {},
  };
}

/** A few seconds of the same traffic first, so both sides are measured warm (JIT, pools). */
export async function warm(options, seconds = 3) {
  await load({ ...options, durationS: seconds, amount: undefined });
}

/**
 * Measures several targets in alternating rounds (A B C A B C …) rather than one after
 * the other, so a burst of outside load on the shared machine hits every side alike and
 * the ratios stay meaningful. req/s = 2xx answers / time over all rounds; p50 and p99 are
 * the medians of the rounds' percentiles.
 * @param {Record<string, object>} targets label → load() options (without durationS)
 * @param {{ rounds?: number, durationS?: number, around?: (label: string, run: () => Promise<object>) => Promise<object> }} [options]
 *   around: wraps each round (e.g. to sample CPU time right before and after it)
 */
export async function interleaved(targets, { rounds = 3, durationS = 10, around = (_label, run) => run() } = {}) {
  const per = {};
  for (let r = 0; r < rounds; r++) {
    for (const [label, options] of Object.entries(targets)) {
      const result = await around(label, () => load({ ...options, durationS: durationS / rounds }));
      per[label] ??= [];
      per[label].push(result);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(
    Object.entries(per).map(([label, list]) => {
      const ok = list.reduce((s, x) => s + x.ok, 0);
      const seconds = list.reduce((s, x) => s + x.durationS, 0);
      return [
        label,
        {
          rps: ok / seconds,
          p50: median(list.map((x) => x.p50)),
          p99: median(list.map((x) => x.p99)),
          ok,
          total: list.reduce((s, x) => s + x.total, 0),
          non2xx: list.reduce((s, x) => s + x.non2xx, 0),
          errors: list.reduce((s, x) => s + x.errors, 0),
          durationS: seconds,
          rounds: list.map((x) => ({ rps: Math.round(x.rps), p50: x.p50, p99: x.p99 })),
        },
      ];
    }),
  );
}
