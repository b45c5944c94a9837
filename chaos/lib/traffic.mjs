// The load chaos scenarios run while they break things: sellers list tickets and buyers
// order them through the gateway, then pay (PayPal emulator approval + capture), cancel,
// or let the reservation expire. Every request is bounded (timeout), the whole run is
// bounded in time, and failures are counted, not thrown: during a fault some are
// expected, and the consistency check decides whether anything was lost.
import { randomUUID } from "node:crypto";
import { attachTicketFile } from "@m-ticketing/common/testing";
import { request } from "../../bench/lib/http.mjs";
import { sleep } from "../../bench/lib/processes.mjs";
import { ticketBody } from "../../bench/lib/seed.mjs";

/**
 * @param {object} stack from bench/lib/stack.mjs
 * @param {{ seconds: number, workers?: number, pay?: number, cancel?: number, withdraw?: number, people?: () => { id: string, cookie: string } }} options
 *   pay / cancel: share of orders paid / cancelled by the buyer; the rest expire.
 *   withdraw: share of listings whose seller withdraws them at the moment the buyer orders
 *   (the race README's "Withdrawal racing an order" settles; the checker knows withdrawn tickets).
 * @returns {{ done: Promise<object>, stats: object, stop: () => Promise<object> }} stats is live (scenarios read it mid-run)
 */
export function runTraffic(
  stack,
  {
    seconds,
    workers = 8,
    pay = 0.4,
    cancel = 0.2,
    withdraw = 0.05,
    emulatorUrl = stack.serviceUrl("paypal-emulator"),
    // Who acts: by default a new id with a session cookie each time (unknown to auth). C10
    // passes people who signed up through auth, so notifications knows their addresses.
    people,
  } = {},
) {
  const stats = {
    ticketsCreated: 0,
    ordersPlaced: 0,
    paid: 0,
    cancelled: 0,
    left: 0,
    withdrawn: 0,
    failures: {},
    writes: [],
  };
  const fail = (what, status) => {
    const key = `${what} ${status}`;
    stats.failures[key] = (stats.failures[key] ?? 0) + 1;
  };
  let until = Date.now() + seconds * 1000;
  const person =
    people ??
    (() => {
      const id = randomUUID();
      return { id, cookie: stack.cookie({ id }) };
    });
  // Retries a call for as long as it fails in a way a fault explains (no answer, 5xx, or
  // 404 while an event has not arrived yet), but never past the end of the run.
  const attempt = async (what, fn, retryOn404 = false) => {
    for (;;) {
      const res = await fn();
      const at = Date.now();
      stats.writes.push({ what, at, status: res.status });
      if (res.status >= 200 && res.status < 300) return res;
      fail(what, res.status);
      const transient = res.status === 0 || res.status >= 500 || (retryOn404 && res.status === 404);
      if (!transient || Date.now() > until + 15_000) return res;
      await sleep(200);
    }
  };

  // The seller attaches the ticket file, retried like any write while a fault lasts (a
  // retry after a lost answer replaces the file: the listing is the same).
  const attemptAttach = async (cookie, ticketId) => {
    for (;;) {
      const ok = await attachTicketFile(stack.url, cookie, ticketId).then(
        () => true,
        () => false,
      );
      stats.writes.push({ what: "attach ticket file", at: Date.now(), status: ok ? 200 : 0 });
      if (ok) return true;
      fail("attach ticket file", "failed");
      if (Date.now() > until + 15_000) return false;
      await sleep(200);
    }
  };

  const worker = async (n) => {
    let i = 0;
    while (Date.now() < until) {
      const seller = person();
      const buyer = person();
      const created = await attempt("create ticket", () =>
        request(stack.url, "POST", "/api/tickets", {
          body: ticketBody(n * 100_000 + i++),
          cookie: seller.cookie,
          timeoutMs: 5000,
        }),
      );
      if (!created.body?.ticket) continue;
      const ticketId = created.body.ticket.id;
      // Buyers see (and orders learns of) a listing once its ticket file is attached.
      const attached = await attemptAttach(seller.cookie, ticketId);
      if (!attached) continue;
      stats.ticketsCreated++;
      const placing = attempt(
        "place order",
        () => request(stack.url, "POST", "/api/orders", { body: { ticketId }, cookie: buyer.cookie, timeoutMs: 5000 }),
        true,
      );
      if (Math.random() < withdraw) {
        // The seller withdraws while the buyer orders: either wins (409 for the other), or the
        // order is placed first and orders ends it when it hears of the withdrawal.
        const res = await request(stack.url, "DELETE", `/api/tickets/${ticketId}`, {
          cookie: seller.cookie,
          timeoutMs: 5000,
        });
        stats.writes.push({ what: "withdraw listing", at: Date.now(), status: res.status });
        if (res.status >= 200 && res.status < 300) stats.withdrawn++;
        else if (res.status !== 409) fail("withdraw listing", res.status);
        if ((await placing).body?.order) {
          stats.ordersPlaced++;
          stats.left++; // ended by the withdrawal or, if the reservation won, by expiry
        }
        continue;
      }
      const placed = await placing;
      if (!placed.body?.order) continue;
      stats.ordersPlaced++;
      const orderId = placed.body.order.id;
      const roll = Math.random();
      if (roll < pay) {
        const checkout = await attempt(
          "create PayPal order",
          () =>
            request(stack.url, "POST", "/api/payments/create-order", {
              body: { orderId },
              cookie: buyer.cookie,
              timeoutMs: 5000,
            }),
          true,
        );
        if (!checkout.body?.id) continue;
        await request(emulatorUrl, "POST", `/v2/checkout/orders/${checkout.body.id}/approve`, { body: {} });
        const captured = await attempt("capture", () =>
          request(stack.url, "POST", `/api/payments/${checkout.body.id}/capture`, {
            cookie: buyer.cookie,
            timeoutMs: 10_000,
          }),
        );
        if (captured.status === 200 || captured.status === 201) stats.paid++;
      } else if (roll < pay + cancel) {
        const res = await attempt("cancel order", () =>
          request(stack.url, "DELETE", `/api/orders/${orderId}`, { cookie: buyer.cookie, timeoutMs: 5000 }),
        );
        if (res.status === 200) stats.cancelled++;
      } else {
        stats.left++;
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, n) => worker(n))).then(() => stats);
  // stop(): no new work after now (a request under way finishes, retries end 15 s later at most).
  return {
    done,
    stats,
    stop: () => {
      until = Math.min(until, Date.now());
      return done;
    },
  };
}

/** Requests of `what` answered 2xx / otherwise between two times (ms since epoch). */
export function writesBetween(stats, from, to, what) {
  const list = stats.writes.filter((w) => w.at >= from && w.at <= to && (!what || w.what === what));
  return {
    ok: list.filter((w) => w.status >= 200 && w.status < 300).length,
    failed: list.filter((w) => w.status < 200 || w.status >= 300).length,
  };
}
