// Cut-down C8 for `npm test` (issue 19, finding 4): services behind PgBouncer in
// transaction mode with no direct URL, three replicas of tickets and orders starting at
// the same moment, traffic, PgBouncer restarted. Migrations once, the migration lock not
// leaked onto a pooled connection, every event relayed (LISTEN hears nothing through the
// pooler: the sweep delivers) and the consistency check clean.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runScenario } from "../lib/scenario.mjs";
import { C8_OPTIONS, c8Pgbouncer } from "../scenarios/c8-pgbouncer.mjs";

test("C8: three replicas behind PgBouncer (transaction mode) migrate once, leak no lock, lose no event across a PgBouncer restart", async () => {
  const result = await runScenario(
    "C8",
    "cut-down C8",
    (stack, note) => c8Pgbouncer(stack, note, { seconds: 8, restartAt: 3, downMs: 1000, workers: 4 }),
    {
      stackOptions: {
        ...C8_OPTIONS,
        replicas: { tickets: 3, orders: 3 },
        env: { orders: { ORDER_EXPIRATION_SECONDS: "4" } },
      },
      log: process.env.CHAOS_VERBOSE ? console.log : () => {},
    },
  );
  assert.deepEqual(result.failures, []);
});
