// Cut-down C1, C2, C6 and C7 for `npm test` (scripts/test.d/70-resilience.sh): the same
// scenarios as `npm run chaos`, shorter, on a system of their own (own NATS and Redis on
// free loopback ports, own databases), so the machine's shared servers are untouched.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { checkConsistency, describe, waitConsistent } from "../lib/consistency.mjs";
import { chaosStack, runScenario } from "../lib/scenario.mjs";
import { c1KillOrders } from "../scenarios/c1-kill-orders.mjs";
import { c2NatsOutage } from "../scenarios/c2-nats-outage.mjs";
import { C6_OPTIONS, c6NatsCluster } from "../scenarios/c6-nats-cluster.mjs";
import { C7_OPTIONS, c7PostgresOutage } from "../scenarios/c7-postgres-outage.mjs";

const quiet = process.env.CHAOS_VERBOSE ? console.log : () => {};

test("C1: after kill -9 of the orders service mid-stream and a restart, nothing is lost or inconsistent", async () => {
  const result = await runScenario(
    "C1",
    "cut-down C1",
    (stack, note) => c1KillOrders(stack, note, { seconds: 8, killAt: 3, downFor: 1 }),
    {
      stackOptions: { env: { orders: { ORDER_EXPIRATION_SECONDS: "4" } } },
      log: quiet,
    },
  );
  assert.deepEqual(result.failures, []);
});

test("C2: with NATS down, writes succeed, and every event is delivered once it is back", async () => {
  const result = await runScenario(
    "C2",
    "cut-down C2",
    (stack, note) => c2NatsOutage(stack, note, { outageS: 4, writes: 15 }),
    {
      stackOptions: { env: { orders: { ORDER_EXPIRATION_SECONDS: "4" } } },
      log: quiet,
    },
  );
  assert.deepEqual(result.failures, []);
});

// The check itself must not be vacuous: a planted inconsistency has to be named.
let stack;
before(async () => {
  stack = await chaosStack("check", { services: ["tickets", "orders"] });
});
after(async () => {
  await stack?.stop();
});

test("the consistency check names a ticket whose status disagrees with the orders service", async () => {
  const { request } = await import("../../bench/lib/http.mjs");
  const { createTickets, user, waitReplicated } = await import("../../bench/lib/seed.mjs");
  const [ticketId] = await createTickets(stack, 1, { sellers: 1 });
  await waitReplicated(stack, [ticketId]);
  const buyer = user(stack);
  const placed = await request(stack.serviceUrl("orders"), "POST", "/api/orders", {
    body: { ticketId },
    cookie: buyer.cookie,
  });
  assert.equal(placed.status, 201);
  const dbs = { tickets: stack.pool("tickets"), orders: stack.pool("orders") };
  assert.equal(describe(await waitConsistent(dbs, { nats: stack.nats.connection })), "");

  // What a lost `order.created` would leave behind: the ticket still available.
  await dbs.tickets.query("update tickets set status = 'available', order_id = null where id = $1", [ticketId]);
  const violations = await checkConsistency(dbs);
  const names = violations.map((v) => v.invariant);
  assert.ok(names.includes("every ticket's status agrees with the orders that hold it"), describe(violations));
  assert.equal(violations.find((v) => v.invariant.startsWith("every ticket's status")).examples[0].ticket, ticketId);
  // Put it back: the next test checks the same databases.
  await dbs.tickets.query("update tickets set status = 'reserved', order_id = $2 where id = $1", [
    ticketId,
    placed.body.order.id,
  ]);
});

// A withdrawn listing with no order holding it is consistent; a withdrawal the orders
// replica never heard of (a lost `ticket.updated`) is named.
test("the consistency check accepts a withdrawn listing and names a withdrawal orders missed", async () => {
  const { request } = await import("../../bench/lib/http.mjs");
  const { createTickets, waitReplicated } = await import("../../bench/lib/seed.mjs");
  const dbs = { tickets: stack.pool("tickets"), orders: stack.pool("orders") };
  const [ticketId] = await createTickets(stack, 1, { sellers: 1 });
  await waitReplicated(stack, [ticketId]);
  const { rows } = await dbs.tickets.query("select user_id from tickets where id = $1", [ticketId]);
  const withdrawn = await request(stack.serviceUrl("tickets"), "DELETE", `/api/tickets/${ticketId}`, {
    cookie: stack.cookie({ id: rows[0].user_id }),
  });
  assert.ok(withdrawn.status >= 200 && withdrawn.status < 300, `withdrawal answered ${withdrawn.status}`);
  assert.equal(describe(await waitConsistent(dbs, { nats: stack.nats.connection })), "");

  // What a lost withdrawal would leave behind: orders still offering the ticket.
  await dbs.orders.query("update tickets set withdrawn = false where id = $1", [ticketId]);
  const violations = await checkConsistency(dbs);
  const replicaRule = violations.find((v) => v.invariant.startsWith("every ticket is in the orders replica"));
  assert.ok(replicaRule, describe(violations));
  assert.equal(replicaRule.examples[0].ticket, ticketId);
  await dbs.orders.query("update tickets set withdrawn = true where id = $1", [ticketId]);
});

// Issue 19, finding 2: with MAX_DELIVERIES=3 the old rule (every failure spends the budget,
// retries 100 ms, 200 ms, …) gave an event up within a second of the database going away;
// 15 s of outage is 50 times that and three times the 5 s cap on the retry interval.
test("C7: orders' PostgreSQL stopped during traffic: nothing dead-lettered or lost, consistent within a minute of its return", async () => {
  const result = await runScenario(
    "C7",
    "cut-down C7",
    (stack, note) => c7PostgresOutage(stack, note, { outageS: 15, stopAt: 4, after: 3, workers: 4 }),
    {
      stackOptions: { ...C7_OPTIONS, env: { ...C7_OPTIONS.env, orders: { ORDER_EXPIRATION_SECONDS: "4" } } },
      log: quiet,
    },
  );
  assert.deepEqual(result.failures, []);
});

// Issue 19, finding 1 and C6: a 3-node JetStream cluster, the stream at R3, two replicas of
// tickets and orders; kill -9 the stream leader, kill -9 the node leading orders'
// ticket.created consumer, stop one node gracefully. The stalls are measured and printed
// (no timing assertion here; `npm run chaos` judges them); nothing lost or duplicated.
test("C6: a 3-node JetStream cluster loses its stream leader, a consumer leader and a node stopped gracefully: nothing lost or duplicated", async () => {
  const result = await runScenario(
    "C6",
    "cut-down C6",
    (stack, note) =>
      c6NatsCluster(stack, note, { rolling: 1, followerKill: false, maxStallMs: null, workers: 3, settleMs: 3000 }),
    {
      stackOptions: {
        ...C6_OPTIONS,
        replicas: { tickets: 2, orders: 2 },
        env: { ...C6_OPTIONS.env, orders: { ORDER_EXPIRATION_SECONDS: "4" } },
      },
      log: (line) => (/stall|stream:/.test(line) || process.env.CHAOS_VERBOSE ? console.log(line) : undefined),
    },
  );
  assert.deepEqual(result.failures, []);
});

// Issue 19, finding 7: the consumer check looks each expected consumer up by name instead of
// trusting the server's list, so a consumer that does not exist is named, not skipped.
test("the consistency check names an expected durable consumer that does not exist", async () => {
  const dbs = { tickets: stack.pool("tickets"), orders: stack.pool("orders") };
  // payments is not running in this stack: its consumers were never created.
  const violations = await checkConsistency(dbs, {
    nats: stack.nats.connection,
    services: ["tickets", "orders", "payments"],
  });
  const missing = violations.find((v) => v.invariant === "every expected durable consumer exists");
  assert.ok(missing, describe(violations));
  assert.ok(
    missing.examples.some((e) => e.consumer === "payments-order_created"),
    JSON.stringify(missing.examples),
  );
});
