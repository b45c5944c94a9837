// C10 (issue 16): the SMTP server goes away for 10 s in the middle of a burst of sign-ups and
// orders, then comes back on the same address. Every mail notifications decided to send must
// arrive, exactly once: one message in the mail catcher per row of its queue (matched by the
// Message-ID, `<row id@domain>`), every row sent, and as many order mails as the orders
// database says there were paid and ended orders.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { request } from "../../bench/lib/http.mjs";
import { freePort, sleep } from "../../bench/lib/processes.mjs";
import { ROOT } from "../../bench/lib/stack.mjs";
import { CHAOS_ENV, SERVICES } from "../lib/scenario.mjs";
import { runTraffic } from "../lib/traffic.mjs";

const CATCHER = join(ROOT, "mail-catcher/dist/server.js");
const SMTP_PORT = await freePort();
const DOWN_MS = 10_000;
const USERS = 30;

export const C10_OPTIONS = {
  services: [...SERVICES, "notifications"],
  env: {
    ...CHAOS_ENV,
    notifications: {
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_POLL_MS: "200",
      MAIL_RETRY_BASE_MS: "500",
      MAIL_RETRY_MAX_MS: "4000",
    },
    // The burst signs up its people through auth: more than a day's sign-ups from one address.
    auth: { SIGNUP_MAX_PER_IP: "100000", PASSWORD_SCRYPT_LOG_N: "14" },
  },
};

const startCatcher = async () => {
  const { startMailCatcher } = await import(CATCHER);
  return startMailCatcher({ smtpPort: SMTP_PORT, httpPort: 0, maxMessages: 100_000 });
};

async function signUp(stack, i) {
  const email = `c10-${process.pid}-${i}@chaos.test`;
  const password = "chaos password 10";
  let res;
  for (let attempt = 0; attempt < 20; attempt++) {
    res = await request(stack.url, "POST", "/api/users/signup", {
      body: {
        name: `Chaos ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
        email,
        password,
        passwordConfirm: password,
      },
      timeoutMs: 10_000,
    });
    if (res.status === 201) {
      const cookie = [res.headers["set-cookie"] ?? []]
        .flat()
        .map((c) => c.split(";")[0])
        .join("; ");
      return { id: res.body.user.id, cookie };
    }
    await sleep(250);
  }
  throw new Error(`sign-up of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

async function waitFor(what, check, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

export async function c10SmtpOutage(stack, note) {
  if (!existsSync(CATCHER)) return [`mail-catcher is not built (${CATCHER}): npm run build -w mail-catcher`];
  const caught = [];
  let catcher = await startCatcher();
  const mailDb = stack.pool("notifications");
  const ordersDb = stack.pool("orders");

  // Sign-ups first (each queues a "verify your address"), half of them while SMTP is going down.
  const people = [];
  for (let i = 0; i < USERS / 2; i++) people.push(await signUp(stack, i));
  let next = 0;
  const traffic = runTraffic(stack, {
    seconds: 20,
    workers: 4,
    pay: 0.5,
    cancel: 0.3,
    people: () => people[next++ % people.length],
  });
  await sleep(3000);
  caught.push(...catcher.messages());
  await catcher.stop();
  const downAt = Date.now();
  note(`SMTP server stopped after ${caught.length} mails`);
  for (let i = USERS / 2; i < USERS; i++) people.push(await signUp(stack, i));
  await sleep(Math.max(0, DOWN_MS - (Date.now() - downAt)));
  const { rows: waiting } = await mailDb.query(
    "select count(*)::int as n, coalesce(max(attempts), 0)::int as tries from mails where status = 'pending'",
  );
  catcher = await startCatcher();
  note(
    `SMTP back after ${((Date.now() - downAt) / 1000).toFixed(1)} s; ${waiting[0].n} mails waiting (up to ${waiting[0].tries} attempts each)`,
  );
  const stats = await traffic.done;
  note(
    `traffic: ${stats.ticketsCreated} tickets, ${stats.ordersPlaced} orders (${stats.paid} paid, ${stats.cancelled} cancelled, ${stats.left} left to expire)`,
  );

  // Every reservation resolved, and notifications has queued a mail for each order that ended.
  await waitFor("every order to end", async () => {
    const { rows } = await ordersDb.query("select count(*)::int as n from orders where status = 'created'");
    return rows[0].n === 0;
  });
  const { rows: ended } = await ordersDb.query(
    "select count(*) filter (where status = 'complete')::int as complete, count(*) filter (where status = 'cancelled')::int as cancelled from orders",
  );
  const expected = {
    "verify-email": USERS,
    "order-confirmed": ended[0].complete,
    "ticket-sold": ended[0].complete,
    "order-cancelled": ended[0].cancelled,
  };
  const queued = async () => {
    const { rows } = await mailDb.query("select kind, count(*)::int as n from mails group by kind");
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  };
  const failures = [];
  try {
    await waitFor("every mail queued and sent", async () => {
      const byKind = await queued();
      const { rows } = await mailDb.query("select count(*)::int as n from mails where status <> 'sent'");
      return rows[0].n === 0 && Object.entries(expected).every(([kind, n]) => (byKind[kind] ?? 0) === n);
    });
  } catch {
    failures.push(`queue: expected ${JSON.stringify(expected)}, queued ${JSON.stringify(await queued())}`);
  }
  // Give the sender no chance to hide a late duplicate: nothing is pending now, read the catcher.
  caught.push(...catcher.messages());
  await catcher.stop();
  const { rows: sent } = await mailDb.query("select id::text, status from mails");
  const copies = new Map();
  for (const m of caught) {
    const id = m.messageId?.replace(/^<|@.*$/g, "");
    copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  const lost = sent.filter((r) => !copies.has(r.id));
  const duplicated = [...copies].filter(([, n]) => n > 1);
  const strangers = [...copies.keys()].filter((id) => !sent.some((r) => r.id === id));
  if (lost.length) failures.push(`${lost.length} mail(s) never arrived, e.g. ${lost[0].id} (${lost[0].status})`);
  if (duplicated.length) failures.push(`${duplicated.length} mail(s) arrived more than once, e.g. ${duplicated[0][0]}`);
  if (strangers.length) failures.push(`${strangers.length} message(s) with no row in the queue`);
  note(
    `mail: ${sent.length} queued (${Object.entries(await queued())
      .map(([k, n]) => `${n} ${k}`)
      .join(", ")}), ${caught.length} received; ${lost.length} lost, ${duplicated.length} duplicated`,
  );
  return failures;
}
