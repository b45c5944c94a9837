// C5: a burst of events every consumer has already handled arrives again (same event
// ids, new JetStream message ids so the server's duplicate window does not drop them).
// The inboxes (and expiration's job ids) must make it change nothing.
import { sleep } from "../../bench/lib/processes.mjs";
import { consumerBacklog, describe, waitQuiet } from "../lib/consistency.mjs";
import { readEvents, republish } from "../lib/events.mjs";
import { dbsOf, finalCheck } from "../lib/scenario.mjs";
import { diff, snapshot } from "../lib/snapshot.mjs";
import { runTraffic } from "../lib/traffic.mjs";

export async function c5Redelivery(stack, note, { seconds = 10 } = {}) {
  const stats = await runTraffic(stack, { seconds, cancel: 0.3 }).done;
  note(
    `traffic: ${stats.ticketsCreated} tickets, ${stats.ordersPlaced} orders (${stats.paid} paid, ${stats.cancelled} cancelled, ${stats.left} left to expire)`,
  );
  // Settle first: every reservation resolved (paid, cancelled or expired: else its expiry
  // would change state during the burst) and every event handled.
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const { rows } = await stack.pool("orders").query("select count(*)::int as n from orders where status = 'created'");
    if (rows[0].n === 0) break;
    await sleep(250);
  }
  const settled = await finalCheck(stack);
  if (settled.length) return [`not consistent before the redelivery:\n${describe(settled)}`];
  const before = await snapshot(dbsOf(stack));
  const events = await readEvents(stack.nats.connection);
  await republish(stack.nats.connection, events);
  note(`re-published ${events.length} already-handled events at once`);
  // Every copy handled, and anything a handler published in reaction handled too.
  try {
    await waitQuiet(dbsOf(stack), stack.nats.connection);
  } catch {
    const backlog = await consumerBacklog(stack.nats.connection, "TICKETING");
    return [`consumers did not get through the burst: ${JSON.stringify(backlog)}`];
  }
  const changes = diff(before, await snapshot(dbsOf(stack)));
  note(`after the burst: ${changes.count} row(s) differ`);
  return changes.count ? [`redelivery changed state:\n  ${changes.lines.join("\n  ")}`] : [];
}
