// A small JSON client over node:http with a keep-alive pool, for seeding data and for the
// paced workloads (the throughput workloads use autocannon, see ./load.mjs).
import http from "node:http";

export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * @returns {Promise<{ status: number, body: any, headers: object }>} status 0 when the
 *   connection failed (refused, reset): the caller decides whether that is expected.
 */
export function request(baseUrl, method, path, { body, cookie, timeoutMs = 15_000, agent: a = agent } = {}) {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: a,
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
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {}
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
        res.on("error", () => resolve({ status: 0, body: null, headers: {} }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (err) => resolve({ status: 0, body: { error: err.message }, headers: {} }));
    req.end(payload);
  });
}

/** Runs `fn(i)` for i in [0, n) with at most `concurrency` at once; returns the results in order. */
export async function pool(n, concurrency, fn) {
  const results = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return results;
}
