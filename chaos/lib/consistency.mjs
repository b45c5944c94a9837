// The consistency check every chaos scenario ends with. It reads the services' own
// databases directly (tickets, orders, payments) and JetStream's consumer state, and
// lists each invariant that does not hold, with up to a few offending rows. The system
// is eventually consistent, so `waitConsistent` polls until everything holds or the
// time is up, and then reports what is still wrong.
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { sleep } from "../../bench/lib/processes.mjs";

const EXAMPLES = 3;

/**
 * The durable consumers each service creates (`<service>-<event type with _>`): the check
 * asks the server for each by name, because a consumer list from a busy cluster can come
 * back incomplete, and a missing consumer is exactly what must not pass unnoticed.
 */
export const EXPECTED_CONSUMERS = {
  tickets: ["order.created", "order.cancelled", "order.completed", "user.sessions-revoked"],
  orders: ["ticket.created", "ticket.updated", "expiration.complete", "payment.created", "user.sessions-revoked"],
  payments: ["order.created", "order.cancelled", "order.completed", "user.sessions-revoked"],
  expiration: ["order.created", "order.cancelled", "order.completed"],
};

export const expectedConsumers = (services) =>
  services.flatMap((s) => (EXPECTED_CONSUMERS[s] ?? []).map((type) => `${s}-${type.replace(/[.]/g, "_")}`));

/**
 * @param {{ tickets: import("pg").Pool, orders: import("pg").Pool, payments?: import("pg").Pool }} dbs
 * @param {{ nats?: { servers: string, user: string, pass: string }, stream?: string, graceMs?: number }} options
 *   nats: connection options of a user allowed to list the stream's consumers (the harness's test user).
 *   services: the services running (default: those of `dbs`); each of their consumers must exist.
 *   graceMs: how long past its expiresAt an unpaid order may still be "created" (expiration's
 *   own latency) before that counts as a violation.
 * @returns {Promise<Array<{ invariant: string, count: number, examples: any[] }>>} empty when consistent
 */
export async function checkConsistency(dbs, { nats, stream = "TICKETING", graceMs = 5000, services } = {}) {
  const violations = [];
  const report = (invariant, rows) => {
    if (rows.length) violations.push({ invariant, count: rows.length, examples: rows.slice(0, EXAMPLES) });
  };

  const [tickets, replica, orders, payOrders, payments] = await Promise.all([
    dbs.tickets
      .query("select id, status::text, order_id, version, price_cents from tickets where listed_at is not null")
      .then((r) => r.rows),
    dbs.orders.query("select id, version, price_cents, withdrawn from tickets").then((r) => r.rows),
    dbs.orders.query("select id, ticket_id, status::text, version, expires_at from orders").then((r) => r.rows),
    dbs.payments ? dbs.payments.query("select id, status, version from orders").then((r) => r.rows) : [],
    dbs.payments
      ? dbs.payments.query("select id, order_id, status, refund_reason from payments").then((r) => r.rows)
      : [],
  ]);
  const replicaById = new Map(replica.map((r) => [r.id, r]));
  const ticketIds = new Set(tickets.map((t) => t.id));
  const ordersById = new Map(orders.map((o) => [o.id, o]));
  const holding = new Map(); // ticket id → orders holding it (created or complete)
  for (const o of orders) {
    if (o.status === "created" || o.status === "complete")
      holding.set(o.ticket_id, [...(holding.get(o.ticket_id) ?? []), o]);
  }

  // 1. Every listed ticket (its file attached: only then announced) is in the orders replica with the seller's asking price. Only the seller's
  // changes are announced (reservations and sales bump tickets' version without an event: no
  // echo of orders' own decisions), so the replica's version may trail tickets' but never lead it.
  report(
    "every ticket is in the orders replica with its asking price, at a version no newer than tickets'",
    tickets
      .filter((t) => {
        const r = replicaById.get(t.id);
        // A withdrawal is the seller's change: once orders holds tickets' version, it holds the withdrawal too.
        const withdrawalMissing = r?.version === t.version && r.withdrawn !== (t.status === "withdrawn");
        return !r || r.version > t.version || r.price_cents !== t.price_cents || withdrawalMissing;
      })
      .map((t) => {
        const r = replicaById.get(t.id);
        return {
          ticket: t.id,
          tickets: [t.version, t.price_cents, t.status],
          ordersReplica: r ? [r.version, r.price_cents, r.withdrawn ? "withdrawn" : "listed"] : "missing",
        };
      }),
  );
  report(
    "the orders replica holds no ticket the tickets service does not have",
    replica.filter((r) => !ticketIds.has(r.id)).map((r) => ({ ticket: r.id })),
  );
  // 2. A ticket's status is what the orders service's orders say about it.
  report(
    "every ticket's status agrees with the orders that hold it",
    tickets
      .map((t) => {
        const held = holding.get(t.id)?.[0];
        // Unheld, a ticket is available unless its seller withdrew it (a paid order keeps it sold).
        const unheld = t.status === "withdrawn" ? "withdrawn" : "available";
        const expected = !held ? unheld : held.status === "complete" ? "sold" : "reserved";
        const expectedOrder = held?.id ?? null;
        return expected === t.status && expectedOrder === t.order_id
          ? null
          : { ticket: t.id, status: t.status, orderId: t.order_id, ordersSay: expected, holdingOrder: expectedOrder };
      })
      .filter(Boolean),
  );
  // 3. No ticket is held by two active orders.
  report(
    "no ticket is held by two active orders",
    [...holding.entries()]
      .filter(([, list]) => list.length > 1)
      .map(([ticket, list]) => ({ ticket, orders: list.map((o) => `${o.id}:${o.status}`) })),
  );
  // 4. Every order.created either completed, was cancelled, or is still within its time.
  const now = Date.now();
  report(
    "every order either completed, was cancelled, or is still within its time",
    orders
      .filter((o) => o.status === "created" && new Date(o.expires_at).getTime() + graceMs < now)
      .map((o) => ({ order: o.id, expiresAt: o.expires_at })),
  );
  if (dbs.payments) {
    // 5. Every order's state agrees between orders and payments.
    const payById = new Map(payOrders.map((o) => [o.id, o]));
    report(
      "every order's state and version agree between orders and payments",
      orders
        .filter((o) => payById.get(o.id)?.status !== o.status || payById.get(o.id)?.version !== o.version)
        .map((o) => ({
          order: o.id,
          orders: `${o.status} v${o.version}`,
          payments: payById.has(o.id) ? `${payById.get(o.id).status} v${payById.get(o.id).version}` : "missing",
        })),
    );
    // 6. No captured payment sits on a cancelled order without a refund.
    report(
      "no captured payment sits on a cancelled order without a refund",
      payments
        .filter((p) => p.status !== "refunded" && ordersById.get(p.order_id)?.status === "cancelled")
        .map((p) => ({ payment: p.id, order: p.order_id, status: p.status, refundReason: p.refund_reason })),
    );
    // 7. A complete order was paid exactly once (money kept, not refunded).
    const kept = new Map();
    for (const p of payments)
      if (p.status === "completed" && !p.refund_reason) kept.set(p.order_id, (kept.get(p.order_id) ?? 0) + 1);
    report("every complete order has exactly one kept payment, and only complete orders keep one", [
      ...orders
        .filter((o) => o.status === "complete" && kept.get(o.id) !== 1)
        .map((o) => ({ order: o.id, keptPayments: kept.get(o.id) ?? 0 })),
      ...[...kept.keys()]
        .filter((id) => ordersById.get(id)?.status !== "complete")
        .map((id) => ({ order: id, status: ordersById.get(id)?.status ?? "missing" })),
    ]);
    // 8. The ledger (issue 15): for every payment, captured = refunded + paid out + fees + held,
    // where held is what payments still owes according to its own state.
    report(
      "for every payment, captured = refunded + paid out + fees + held (ledger against payments and sales)",
      (await ledgerBalances(dbs.payments)).filter((b) => b.problem),
    );
  }
  // 9. Every event left its outbox and was handled by every consumer.
  for (const [service, db] of Object.entries(dbs)) {
    if (!db) continue;
    const { rows } = await db.query(
      "select count(*)::int as n from outbox where published_at is null and created_at < now() - interval '2 seconds'",
    );
    if (rows[0].n) report(`every ${service} event leaves the outbox`, [{ unpublished: rows[0].n }]);
  }
  if (nats) {
    const expected = expectedConsumers(services ?? Object.keys(dbs).filter((k) => dbs[k]));
    const pending = await consumerBacklog(nats, stream, expected);
    report(
      "every expected durable consumer exists",
      pending.filter((c) => c.missing).map((c) => ({ consumer: c.consumer })),
    );
    report(
      "every published event is delivered and acknowledged by every consumer",
      pending.filter((c) => !c.missing && c.pending + c.unacked > 0),
    );
  }
  return violations;
}

/**
 * Each payment's ledger sums next to what payments' tables say is still held:
 * - a refunded payment: everything went back (captured = refunded; any payout already made
 *   and fees not given up are the platform's loss, so held = −(paid out + fees));
 * - a sale before its payout (`pending`, `sending`, `failed`): the seller's amount, less any
 *   partial refund made at PayPal; after it (`sent`, `paid`, `unclaimed`): nothing;
 * - a payment owed back (refund reason set) without a sale: the whole capture.
 * `problem` says which part does not hold.
 */
export async function ledgerBalances(payments) {
  const { rows } = await payments.query(`
    select p.id as payment, p.order_id as "order", p.status, p.refund_reason, p.amount,
           s.status as sale, s.amount_due,
           coalesce(sum(l.amount) filter (where l.kind = 'capture'), 0)::int as captured,
           coalesce(sum(l.amount) filter (where l.kind = 'refund'), 0)::int as refunded,
           (coalesce(sum(l.amount) filter (where l.kind in ('buyer-fee', 'seller-fee')), 0)
             - coalesce(sum(l.amount) filter (where l.kind = 'fee-reversal'), 0))::int as fees,
           (coalesce(sum(l.amount) filter (where l.kind = 'payout'), 0)
             - coalesce(sum(l.amount) filter (where l.kind = 'payout-reversal'), 0))::int as paid_out
      from payments p
      left join sales s on s.payment_id = p.id
      left join ledger l on l.payment_id = p.id
     group by p.id, s.payment_id`);
  return rows.map((r) => {
    const held = r.captured - r.refunded - r.fees - r.paid_out;
    let expected;
    if (r.status === "refunded") expected = -(r.paid_out + r.fees);
    else if (r.sale && ["pending", "sending", "failed"].includes(r.sale)) expected = r.amount_due - r.refunded;
    else if (r.sale) expected = 0;
    else expected = r.captured - r.refunded; // owed back, no sale
    const problem =
      r.captured !== r.amount
        ? `ledger captured ${r.captured}, payment ${r.amount}`
        : held !== expected
          ? `held ${held}, expected ${expected} (sale ${r.sale ?? "none"}, payment ${r.status})`
          : undefined;
    return {
      payment: r.payment,
      order: r.order,
      captured: r.captured,
      refunded: r.refunded,
      fees: r.fees,
      paidOut: r.paid_out,
      held,
      problem,
    };
  });
}

/**
 * Messages each durable consumer of the stream has not yet been given or not yet acked:
 * every consumer in `expected`, looked up by name (`missing: true` when the server does
 * not know it), plus any other durable the server lists.
 */
export async function consumerBacklog(nats, stream, expected = []) {
  const nc = await connect({ ...nats, timeout: 3000 });
  try {
    const jsm = await jetstreamManager(nc);
    const row = (info) => ({
      consumer: info.name,
      pending: info.num_pending,
      unacked: info.num_ack_pending,
      redelivered: info.num_redelivered,
    });
    const out = new Map();
    for (const name of expected) {
      try {
        out.set(name, row(await jsm.consumers.info(stream, name)));
      } catch (err) {
        if (!/consumer not found/i.test(String(err?.message))) throw err;
        out.set(name, { consumer: name, missing: true, pending: 0, unacked: 0 });
      }
    }
    for await (const info of jsm.consumers.list(stream)) {
      // Only the services' durable consumers; ephemeral readers (ours) do not count.
      if (!info.config.durable_name || out.has(info.name)) continue;
      out.set(info.name, row(info));
    }
    return [...out.values()];
  } finally {
    await nc.close();
  }
}

/** Polls `checkConsistency` until it finds nothing or `timeoutMs` passes; returns the last violations. */
export async function waitConsistent(dbs, options = {}, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let violations;
    try {
      violations = await checkConsistency(dbs, options);
    } catch (err) {
      violations = [
        { invariant: "the databases and NATS can be read", count: 1, examples: [String(err.message ?? err)] },
      ];
    }
    if (violations.length === 0 || Date.now() > deadline) return violations;
    await sleep(500);
  }
}

export function describe(violations) {
  return violations
    .map((v) => `  ✗ ${v.invariant}: ${v.count} violation(s), e.g. ${JSON.stringify(v.examples)}`)
    .join("\n");
}

/**
 * Waits until nothing is in flight: every consumer has handled and acknowledged every
 * event, and every service's outbox is drained (so no reaction is still to be published).
 * Checked as backlog → outboxes → backlog until all three hold at once.
 * @param {Record<string, import("pg").Pool>} dbs the services' databases (tickets, orders, payments)
 */
export async function waitQuiet(dbs, nats, { stream = "TICKETING", timeoutMs = 60_000 } = {}) {
  const idle = async () => (await consumerBacklog(nats, stream)).every((c) => c.pending + c.unacked === 0);
  const drained = async () => {
    for (const pool of Object.values(dbs)) {
      const { rows } = await pool.query("select count(*)::int as n from outbox where published_at is null");
      if (rows[0].n > 0) return false;
    }
    return true;
  };
  const deadline = Date.now() + timeoutMs;
  while (!((await idle()) && (await drained()) && (await idle()))) {
    if (Date.now() > deadline) throw new Error(`events still in flight after ${timeoutMs} ms`);
    await sleep(100);
  }
}
