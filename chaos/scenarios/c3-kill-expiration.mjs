// C3: kill -9 the expiration service while 200 orders wait to expire; restart it after
// they are due. Every order must still expire, and exactly once: cancelled at version 1,
// and one `order.cancelled` in the stream per order.
import { pool, request } from "../../bench/lib/http.mjs";
import { sleep } from "../../bench/lib/processes.mjs";
import { createTickets, user, waitReplicated } from "../../bench/lib/seed.mjs";
import { consumerBacklog, waitQuiet } from "../lib/consistency.mjs";
import { countBy, readEvents } from "../lib/events.mjs";
import { dbsOf } from "../lib/scenario.mjs";

export async function c3KillExpiration(stack, note, { count = 200 } = {}) {
  const failures = [];
  const ticketIds = await createTickets(stack, count, { concurrency: 16 });
  await waitReplicated(stack, ticketIds);
  // One buyer per order: a buyer may hold only MAX_ACTIVE_ORDERS_PER_BUYER (8 by default) reservations at once.
  const buyers = Array.from({ length: count }, () => user(stack));
  const placed = await pool(count, 20, async (i) => {
    const res = await request(stack.url, "POST", "/api/orders", {
      body: { ticketId: ticketIds[i] },
      cookie: buyers[i].cookie,
    });
    return res.status === 201 ? res.body.order : null;
  });
  const orders = placed.filter(Boolean);
  if (orders.length !== count) failures.push(`only ${orders.length} of ${count} orders placed`);
  // Wait until expiration has taken every order.created (its consumer has nothing left).
  const deadline = Date.now() + 30_000;
  for (;;) {
    const backlog = (await consumerBacklog(stack.nats.connection, "TICKETING")).find(
      (c) => c.consumer === "expiration-order_created",
    );
    if (backlog && backlog.pending + backlog.unacked === 0) break;
    if (Date.now() > deadline) {
      failures.push(`expiration did not take the orders: ${JSON.stringify(backlog)}`);
      break;
    }
    await sleep(200);
  }
  const lastDue = Math.max(...orders.map((o) => Date.parse(o.expiresAt)));
  if (lastDue - Date.now() < 1000)
    failures.push("orders were due before expiration could be killed (raise ORDER_EXPIRATION_SECONDS)");
  await stack.kill("expiration");
  note(
    `killed expiration (kill -9) with ${orders.length} orders waiting, the last due in ${Math.round((lastDue - Date.now()) / 1000)} s`,
  );
  // The scenario's timeline, not a synchronisation: every order is now due (and nobody can expire it).
  await sleep(Math.max(0, lastDue - Date.now()));
  const { rows: early } = await stack
    .pool("orders")
    .query("select count(*)::int as n from orders where status = 'cancelled'");
  note(`all due; ${early[0].n} cancelled while expiration was down (expected 0)`);
  const ready = await stack.restart("expiration");
  note(`expiration restarted, ready in ${Math.round(ready)} ms`);

  const ids = orders.map((o) => o.id);
  const until = Date.now() + 60_000;
  let rows = [];
  while (Date.now() < until) {
    ({ rows } = await stack
      .pool("orders")
      .query("select id, status::text, version from orders where id = any($1::uuid[])", [ids]));
    if (rows.every((r) => r.status === "cancelled")) break;
    await sleep(250);
  }
  const notCancelled = rows.filter((r) => r.status !== "cancelled");
  const twice = rows.filter((r) => r.version !== 1);
  if (notCancelled.length) failures.push(`${notCancelled.length} orders never expired, e.g. ${notCancelled[0].id}`);
  if (twice.length) failures.push(`${twice.length} orders changed more than once, e.g. ${JSON.stringify(twice[0])}`);
  await waitQuiet(dbsOf(stack), stack.nats.connection); // the last order.cancelled has left the outbox
  const cancelledEvents = countBy(await readEvents(stack.nats.connection, { subject: "ticketing.order.cancelled" }));
  const completions = countBy(
    await readEvents(stack.nats.connection, { subject: "ticketing.expiration.complete" }),
    (e) => e.data.data.orderId,
  );
  const wrongCount = ids.filter((id) => cancelledEvents.get(id) !== 1);
  if (wrongCount.length)
    failures.push(
      `${wrongCount.length} orders without exactly one order.cancelled, e.g. ${wrongCount[0]}: ${cancelledEvents.get(wrongCount[0]) ?? 0}`,
    );
  const repeated = ids.filter((id) => (completions.get(id) ?? 0) > 1).length;
  note(
    `${rows.length - notCancelled.length}/${ids.length} expired once; expiration.complete published more than once for ${repeated} (harmless: orders applies it once)`,
  );
  return failures;
}
