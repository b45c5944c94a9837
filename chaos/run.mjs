// `npm run chaos`: C1–C11 against systems of their own (bench/lib/stack.mjs: own NATS,
// Redis and databases on free loopback ports; the machine's shared servers are never
// touched), each ending with the consistency check of lib/consistency.mjs. Prints
// pass/fail per scenario with the violated invariants and ends with `N passed, N failed`.
//
//   npm run chaos                 all scenarios (about 5–7 minutes)
//   npm run chaos -- --only C2,C5
//   npm run chaos -- --json out.json   also writes every result (notes, measurements) as JSON
//   CHAOS_LOG_LEVEL=warn          the services' LOG_LEVEL (logs of a failed scenario are kept)
import { writeFileSync } from "node:fs";
import { notBuilt } from "../bench/lib/stack.mjs";
import { runScenario, SERVICES } from "./lib/scenario.mjs";
import { c1KillOrders } from "./scenarios/c1-kill-orders.mjs";
import { c2NatsOutage } from "./scenarios/c2-nats-outage.mjs";
import { c3KillExpiration } from "./scenarios/c3-kill-expiration.mjs";
import { C4_OPTIONS, c4Replicas } from "./scenarios/c4-replicas.mjs";
import { c5Redelivery } from "./scenarios/c5-redelivery.mjs";
import { C6_OPTIONS, c6NatsCluster } from "./scenarios/c6-nats-cluster.mjs";
import { C7_OPTIONS, c7PostgresOutage } from "./scenarios/c7-postgres-outage.mjs";
import { C8_OPTIONS, c8Pgbouncer } from "./scenarios/c8-pgbouncer.mjs";
import { C10_OPTIONS, c10SmtpOutage } from "./scenarios/c10-smtp-outage.mjs";
import { C11_OPTIONS, c11KillPayouts } from "./scenarios/c11-kill-payouts.mjs";

const SCENARIOS = [
  ["C1", "kill -9 the orders service mid-stream of ticket creations and orders, then restart it", c1KillOrders, {}],
  ["C2", "NATS down for 10 s during writes", c2NatsOutage, {}],
  // Long enough that all 200 orders are placed and handed to expiration before any is due.
  [
    "C3",
    "kill -9 the expiration service while 200 orders wait to expire",
    c3KillExpiration,
    { env: { orders: { ORDER_EXPIRATION_SECONDS: "20" } } },
  ],
  ["C4", "two replicas of every service, kill -9 one of each mid-load", c4Replicas, C4_OPTIONS],
  ["C5", "redeliver a burst of already-handled events", c5Redelivery, {}],
  [
    "C6",
    "3-node JetStream cluster, stream R3, two replicas of every service: kill -9 the stream leader, then a consumer leader's node, then a rolling restart",
    c6NatsCluster,
    C6_OPTIONS,
  ],
  ["C7", "orders' PostgreSQL stopped for 3 minutes during traffic (MAX_DELIVERIES=3)", c7PostgresOutage, C7_OPTIONS],
  [
    "C8",
    "three replicas of each service behind PgBouncer (transaction mode) start together; PgBouncer restarted mid-traffic",
    c8Pgbouncer,
    C8_OPTIONS,
  ],
  [
    "C10",
    "SMTP server down for 10 s during a burst of sign-ups and orders: every mail arrives exactly once",
    c10SmtpOutage,
    C10_OPTIONS,
  ],
  [
    "C11",
    "kill -9 payments in the middle of a payout run (PayPal working on the batch), then restart it: every sale paid exactly once",
    c11KillPayouts,
    C11_OPTIONS,
  ],
];

const args = process.argv.slice(2);
const only = args.includes("--only") ? new Set(args[args.indexOf("--only") + 1].toUpperCase().split(",")) : null;
const jsonFile = args.includes("--json") ? args[args.indexOf("--json") + 1] : null;

const missing = SERVICES.map((s) => [s, notBuilt(s)]).filter(([, why]) => why);
if (missing.length) {
  for (const [s, why] of missing) console.error(`[chaos] cannot run ${s}: ${why}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const results = [];
for (const [name, title, fn, stackOptions] of SCENARIOS) {
  if (only && !only.has(name)) continue;
  results.push(await runScenario(name, title, fn, { stackOptions }));
}

console.log("\nchaos results:");
for (const r of results) {
  console.log(
    `  ${r.passed ? "PASS" : "FAIL"}  ${r.name}  (${r.seconds} s)${r.passed ? "" : `\n${r.failures.map((f) => `        ${f.replace(/\n/g, "\n        ")}`).join("\n")}`}`,
  );
}
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
const passed = results.filter((r) => r.passed).length;
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
