// C11 (issue 15): kill -9 the payments service in the middle of a payout run, while PayPal
// is working on the batch (the emulator holds the call for a while, then creates the batch
// for a caller that is gone), then restart it. No sale may be paid twice and none lost:
// every sale ends `paid`, in exactly one payout item at PayPal, and the ledger balances
// (the closing consistency check's equation).
import { sleep } from "../../bench/lib/processes.mjs";
import { runTraffic } from "../lib/traffic.mjs";

export const C11_OPTIONS = {
  env: {
    payments: { PAYOUT_INTERVAL_MS: "200", PAYOUT_RESEND_AFTER_MS: "2000", PAYOUT_DELAY: "0" },
  },
};

const waitFor = async (check, what, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
};

async function paypal(emulatorUrl, method, path, body) {
  const res = await fetch(`${emulatorUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status === 204 ? null : res.json().catch(() => null);
}

/** Every payout item at PayPal for the batches payments recorded, read through PayPal's REST API. */
async function itemsAtPayPal(emulatorUrl, paypalBatchIds) {
  const token = await fetch(`${emulatorUrl}/v1/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from("emulator-client-id:emulator-client-secret").toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  }).then((r) => r.json());
  const items = [];
  for (const id of paypalBatchIds) {
    const batch = await fetch(`${emulatorUrl}/v1/payments/payouts/${id}`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    }).then((r) => r.json());
    items.push(...(batch.items ?? []));
  }
  return items;
}

export async function c11KillPayouts(stack, note, { seconds = 10 } = {}) {
  const emulatorUrl = stack.serviceUrl("paypal-emulator");
  const db = stack.pool("payments");
  const failures = [];

  const stats = await runTraffic(stack, { seconds, pay: 0.9, cancel: 0 }).done;
  note(`traffic: ${stats.ordersPlaced} orders, ${stats.paid} paid`);
  // A sale is written with its capture (one transaction): after the traffic, every kept payment is one.
  const { rows: counted } = await db.query("select count(*)::int as n from sales");
  const sales = counted[0].n;
  if (sales === 0) return ["no sale to pay out: the traffic paid for nothing"];

  // The sellers have payout accounts, and the events have taken place (the traffic's
  // sellers are session-only people, and its events start weeks ahead).
  await db.query(
    `insert into payout_accounts (user_id, paypal_email)
     select distinct seller_id, 'seller-' || left(seller_id::text, 8) || '@example.test' from sales
     on conflict do nothing`,
  );
  // PayPal takes 3 s over each payout call: long enough to be killed in the middle of one.
  await paypal(emulatorUrl, "POST", "/emulator/faults", {
    mode: "delay",
    delayMs: 3000,
    path: "/v1/payments/payouts",
    method: "POST",
    count: 0,
  });
  await db.query("update sales set payable_at = now()");
  note(`${sales} sales payable; PayPal delays payout calls by 3 s`);

  await waitFor(async () => {
    const { rows } = await db.query("select count(*)::int as n from sales where status = 'sending'");
    return rows[0].n > 0;
  }, "a payout batch to be on its way");
  await sleep(500); // the call is at PayPal now
  await stack.kill("payments");
  note("killed payments (kill -9) while PayPal was working on a payout batch");
  await sleep(3500); // PayPal finishes the batch for a caller that is gone
  await paypal(emulatorUrl, "DELETE", "/emulator/faults");
  await stack.restart("payments");
  note("payments restarted");

  const paid = await waitFor(
    async () => {
      const { rows } = await db.query("select status, count(*)::int as n from sales group by status");
      const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      return byStatus.paid === sales ? byStatus : undefined;
    },
    "every sale to be paid",
    90_000,
  ).catch((err) => {
    failures.push(err.message);
    return null;
  });
  if (!paid) return failures;

  const { rows } = await db.query(
    "select payment_id, sender_item_id, paypal_batch_id, attempts, amount_due from sales order by payment_id",
  );
  const items = await itemsAtPayPal(emulatorUrl, [...new Set(rows.map((r) => r.paypal_batch_id))]);
  const { requests } = await paypal(emulatorUrl, "GET", "/emulator/requests");
  const sentBatchIds = new Set(
    requests.filter((r) => r.method === "POST" && r.path === "/v1/payments/payouts").map((r) => r.requestId),
  );
  const recordedBatchIds = new Set(
    (await db.query("select distinct sender_batch_id from sales")).rows.map((r) => r.sender_batch_id),
  );
  note(
    `${sales} sales paid in ${recordedBatchIds.size} batch(es); ${requests.filter((r) => r.path === "/v1/payments/payouts").length} payout calls reached PayPal`,
  );
  // Every batch id ever sent is one payments recorded on its sales (a sale is never put in a second batch).
  for (const id of sentBatchIds) if (!recordedBatchIds.has(id)) failures.push(`batch ${id} sent but on no sale`);
  for (const sale of rows) {
    const mine = items.filter((i) => i.payout_item?.sender_item_id?.startsWith(`${sale.payment_id}-`));
    if (mine.length !== 1) failures.push(`sale ${sale.payment_id}: ${mine.length} payout items at PayPal`);
    if (sale.attempts !== 1) failures.push(`sale ${sale.payment_id}: ${sale.attempts} attempts`);
  }
  return failures;
}
