// B4: 200 buyers press "Buy" on the same ticket at the same moment (through the
// gateway). Exactly one may get 201; everyone must have an answer quickly.
import http from "node:http";
import { request } from "../lib/http.mjs";
import { createTickets, user, waitReplicated } from "../lib/seed.mjs";
import { round } from "../lib/stats.mjs";

const BUYERS = 200;

/**
 * Fires all requests at once on fresh connections, each from a loopback address of its own
 * (200 buyers are 200 clients: the gateway caps the connections of one address at 64);
 * resolves with the statuses and the time until the last answer.
 */
async function rush(baseUrl, path, bodies, cookies) {
  const agents = bodies.map(
    (_, i) => new http.Agent({ keepAlive: false, maxSockets: Infinity, localAddress: `127.0.1.${1 + (i % 250)}` }),
  );
  const started = performance.now();
  const statuses = await Promise.all(
    bodies.map((body, i) =>
      request(baseUrl, "POST", path, { body, cookie: cookies?.[i], agent: agents[i] }).then((r) =>
        // No HTTP answer: the connection's error instead (refused, reset…).
        r.status === 0 ? `no answer: ${r.body?.error}` : r.status,
      ),
    ),
  );
  return { statuses, ms: performance.now() - started };
}

export async function b4OneTicketRush({ stack, baseline, log }) {
  const [ticketId] = await createTickets(stack, 1, { sellers: 1 });
  await waitReplicated(stack, [ticketId]);
  const buyers = Array.from({ length: BUYERS }, () => user(stack));
  const base = await rush(
    baseline.url,
    "/write",
    Array.from({ length: BUYERS }, () => ({ title: "rush", price: 20 })),
  );
  const sys = await rush(
    stack.url,
    "/api/orders",
    buyers.map(() => ({ ticketId })),
    buyers.map((b) => b.cookie),
  );
  const count = (list, s) => list.filter((x) => x === s).length;
  const created = count(sys.statuses, 201);
  const conflicts = count(sys.statuses, 409);
  // Shed (429 with Retry-After: come back in a second) is an answer too, not a failure.
  const shed = count(sys.statuses, 429);
  const others = BUYERS - created - conflicts - shed;
  const otherStatuses = {};
  for (const s of sys.statuses) if (![201, 409, 429].includes(s)) otherStatuses[s] = (otherStatuses[s] ?? 0) + 1;
  log(
    `B4: ${created} × 201, ${conflicts} × 409, ${shed} × 429, ${others} other ${JSON.stringify(otherStatuses)}, all answered in ${round(sys.ms, 0)} ms (baseline 200 inserts: ${round(base.ms, 0)} ms)`,
  );
  // The database is the judge: how many orders hold the ticket.
  const { rows } = await stack
    .pool("orders")
    .query("select count(*)::int as n from orders where ticket_id = $1 and status in ('created','complete')", [
      ticketId,
    ]);
  return {
    rows: [
      {
        id: "B4",
        workload: "200 concurrent buyers, one ticket (gateway)",
        figure: "201 answers (holding orders in DB)",
        value: `${created} (${rows[0].n})`,
        baseline: "—",
        ratio: null,
        target: "exactly 1",
        met: created === 1 && rows[0].n === 1,
      },
      {
        id: "B4",
        workload: "",
        figure: "ms until all answered",
        value: round(sys.ms, 0),
        baseline: round(base.ms, 0),
        ratio: base.ms ? sys.ms / base.ms : null,
        target: "≤ 2000 ms",
        met: sys.ms <= 2000 && others === 0,
      },
    ],
    raw: {
      statuses: { created, conflicts, shed, others },
      ms: sys.ms,
      baselineMs: base.ms,
      baselineStatuses: count(base.statuses, 201),
    },
  };
}
