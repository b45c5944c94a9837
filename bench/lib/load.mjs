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
