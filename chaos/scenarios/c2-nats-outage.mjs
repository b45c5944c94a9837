// C2: NATS stops for 10 s during writes. Writes must still succeed (they only touch
// the service's own database and outbox), and once NATS is back every event must be
// delivered: the outboxes drain and every consumer catches up (checked at the end).
import { attachTicketFile } from "@m-ticketing/common/testing";
import { request } from "../../bench/lib/http.mjs";
import { probe, sleep } from "../../bench/lib/processes.mjs";
import { createTickets, user, waitReplicated } from "../../bench/lib/seed.mjs";

export async function c2NatsOutage(stack, note, { outageS = 10, writes = 40 } = {}) {
  const failures = [];
  // Tickets already known to orders, so orders can be placed while NATS is down.
  const ready = await createTickets(stack, writes, { baseUrl: stack.url });
  await waitReplicated(stack, ready);
  await stack.nats.stop("SIGKILL");
  const down = Date.now();
  note(`NATS killed (its JetStream store is kept); writing for ${outageS} s`);
  const seller = user(stack);
  let tickets = 0;
  let orders = 0;
  const refused = [];
  let i = 0;
  // Steady writes through the gateway for the whole outage: listings and orders.
  while (Date.now() - down < outageS * 1000) {
    const buyer = user(stack);
    const [t, o] = await Promise.all([
      request(stack.url, "POST", "/api/tickets", {
        body: {
          title: `During outage ${i}`,
          price: 30,
          eventDate: new Date(Date.now() + 864e5 * 90).toISOString(),
          venue: "Offline Hall",
        },
        cookie: seller.cookie,
        timeoutMs: 5000,
      }),
      i < ready.length
        ? request(stack.url, "POST", "/api/orders", {
            body: { ticketId: ready[i] },
            cookie: buyer.cookie,
            timeoutMs: 5000,
          })
        : null,
    ]);
    // The seller attaches the file: the listing is then announced (once NATS is back).
    if (t.status === 201) await attachTicketFile(stack.url, seller.cookie, t.body.ticket.id).then(() => tickets++);
    else refused.push(`POST /api/tickets → ${t.status}`);
    if (o) {
      if (o.status === 201) orders++;
      else refused.push(`POST /api/orders → ${o.status}`);
    }
    i++;
    await sleep(200);
  }
  // Informational: what a Kubernetes readiness probe would see during the outage.
  const readyz = await probe(stack.instance("orders").port, "/readyz", 2000);
  note(`orders /readyz during the outage: ${readyz === 0 ? "no answer within 2 s" : `HTTP ${readyz}`}`);
  await stack.nats.start();
  note(
    `NATS back after ${Math.round((Date.now() - down) / 1000)} s; during the outage ${tickets} tickets and ${orders} orders were written, ${refused.length} refused`,
  );
  if (refused.length) failures.push(`writes failed while NATS was down: ${refused.slice(0, 5).join(", ")}`);
  if (tickets === 0 || orders === 0) failures.push("no write was attempted during the outage");
  return failures;
}
