// C7: the orders service's PostgreSQL (a server of its own, lib/private-postgres.mjs) is
// stopped for 3 minutes during traffic (issue 19, finding 2). Meanwhile tickets keep
// being listed, reservations placed just before the stop expire and payments arrive:
// every event for orders fails on its database. Such failures must never spend the
// poison-message budget (MAX_DELIVERIES is set to 3 here, so the old rule, which gave up
// after MAX_DELIVERIES attempts whatever the cause, would drop events within a second);
// they are retried until the database is back.
// Pass: no dead letter, nothing lost (the consistency check), and consistent within a
// minute of the server's return.

import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { request } from "../../bench/lib/http.mjs";
import { sleep } from "../../bench/lib/processes.mjs";
import { ticketBody, user } from "../../bench/lib/seed.mjs";
import { privatePostgres } from "../lib/private-postgres.mjs";
import { runTraffic, writesBetween } from "../lib/traffic.mjs";

export const C7_OPTIONS = {
  pgServers: async (dir) => ({ orders: await privatePostgres(dir, "orders-pg") }),
  // Far below the retries a 3-minute outage takes: only a healthy-database failure may spend it.
  env: { "*": { MAX_DELIVERIES: "3" } },
};

/** Messages in the dead-letter stream of the run (0 when it was never created). */
export async function deadLetterCount(stack, stream = "TICKETING") {
  const nc = await connect({ ...stack.nats.connection, timeout: 3000 });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(`${stream}_DEAD_LETTERS`).catch(() => null);
    return info?.state.messages ?? 0;
  } finally {
    await nc.close();
  }
}

// CHAOS_C7_OUTAGE_S: a longer outage (issue 19's target is 15 minutes: CHAOS_C7_OUTAGE_S=900).
export async function c7PostgresOutage(
  stack,
  note,
  { outageS = Number(process.env.CHAOS_C7_OUTAGE_S ?? 180), stopAt = 6, after = 6, workers = 6 } = {},
) {
  const failures = [];
  const server = stack.pgServers.orders;
  const traffic = runTraffic(stack, { seconds: stopAt + outageS + after, workers });
  await sleep(stopAt * 1000);
  await server.stop();
  const stoppedAt = Date.now();
  note(
    `orders' PostgreSQL stopped (pg_ctl stop -m fast) after ${traffic.stats.ordersPlaced} orders; down ${outageS} s`,
  );
  // Sellers keep listing while orders' database is away: each listing is a ticket.created
  // that orders can only apply once its database is back.
  const seller = user(stack);
  let listed = 0;
  for (let i = 0; Date.now() - stoppedAt < outageS * 1000; i++) {
    const res = await request(stack.url, "POST", "/api/tickets", {
      body: ticketBody(8_000_000 + i),
      cookie: seller.cookie,
      timeoutMs: 5000,
    });
    if (res.status === 201) listed++;
    await sleep(500);
  }
  const during = writesBetween(traffic.stats, stoppedAt, Date.now());
  const ticketsDuring = writesBetween(traffic.stats, stoppedAt, Date.now(), "create ticket");
  await server.start();
  stack.recoveredAt = Date.now();
  stack.consistentWithinMs = 60_000;
  note(
    `orders' PostgreSQL back after ${Math.round((Date.now() - stoppedAt) / 1000)} s; during the outage ${during.ok} requests succeeded and ${during.failed} failed (listings: ${ticketsDuring.ok + listed} created, each a ticket.created orders could not apply yet)`,
  );
  const stats = await traffic.done;
  note(
    `traffic: ${stats.ticketsCreated} tickets, ${stats.ordersPlaced} orders (${stats.paid} paid, ${stats.cancelled} cancelled, ${stats.left} left to expire); failures ${JSON.stringify(stats.failures)}`,
  );
  if (stats.ordersPlaced === 0) failures.push("no order was placed");
  stack.afterConsistent = async () => {
    const letters = await deadLetterCount(stack);
    note(`dead letters: ${letters}`);
    return letters > 0 ? [`${letters} event(s) dead-lettered during a database outage`] : [];
  };
  return failures;
}
