// Data the workloads need, created through the public API (so every ticket also travels
// as `ticket.created` to the orders service, as a seller's would, once its file is attached).
import { randomUUID } from "node:crypto";
import { attachTicketFile } from "@m-ticketing/common/testing";
import { pool, request } from "./http.mjs";
import { sleep } from "./processes.mjs";

const EVENT_DATE = new Date(Date.now() + 180 * 24 * 3600 * 1000).toISOString();

export function ticketBody(n, { sameEvent = false } = {}) {
  return {
    title: sameEvent ? "Bench on-sale" : `Bench concert ${n}`,
    price: 20 + (n % 80),
    eventDate: EVENT_DATE,
    venue: "Loopback Arena",
  };
}

/** A user with a signed session cookie (`stack.cookie`), as auth would issue it. */
export function user(stack) {
  const id = randomUUID();
  return { id, cookie: stack.cookie({ id }) };
}

/**
 * Lists `n` tickets through the tickets service with `concurrency` requests in flight,
 * spread over a few sellers (all for one event when `sameEvent`), each with its ticket file
 * attached (buyers see and orders learns of a listing only then). Returns their ids. Throws
 * on any non-201 (seeding must be exact).
 */
export async function createTickets(
  stack,
  n,
  { concurrency = 16, sellers = 10, baseUrl = stack.serviceUrl("tickets"), sameEvent = false } = {},
) {
  const people = Array.from({ length: sellers }, () => user(stack));
  const ids = await pool(n, concurrency, async (i) => {
    for (let attempt = 1; ; attempt++) {
      const res = await request(baseUrl, "POST", "/api/tickets", {
        body: ticketBody(i, { sameEvent }),
        cookie: people[i % sellers].cookie,
      });
      if (res.status === 201) {
        await attachWithRetry(baseUrl, people[i % sellers].cookie, res.body.ticket.id);
        return res.body.ticket.id;
      }
      // Many listings of one event at once contend on the event's row: 503 says try again.
      if (res.status === 503 && attempt < 20) {
        await sleep(50 * attempt);
        continue;
      }
      if (attempt >= 3) throw new Error(`seeding ticket ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      await sleep(100 * attempt);
    }
  });
  return ids;
}

/** Attaches a stand-in ticket file; the event row's contention (503) is retried as listing is. */
async function attachWithRetry(baseUrl, cookie, ticketId) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attachTicketFile(baseUrl, cookie, ticketId);
    } catch (err) {
      if (attempt >= 20 || !/ 503 /.test(String(err))) throw err;
      await sleep(50 * attempt);
    }
  }
}

/** Waits until the orders service's replica holds every id (read from its database). */
export async function waitReplicated(stack, ids, { table = "tickets", timeoutMs = 120_000 } = {}) {
  const db = stack.pool("orders");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query(`select count(*)::int as n from ${table} where id = any($1::uuid[])`, [ids]);
    if (rows[0].n === ids.length) return;
    if (Date.now() > deadline)
      throw new Error(`only ${rows[0].n} of ${ids.length} tickets reached orders in ${timeoutMs} ms`);
    await sleep(200);
  }
}
