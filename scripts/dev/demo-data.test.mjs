// Demo data (scripts/dev/demo-data.mjs) against a real system of its own: auth, tickets and
// notifications from the `npm start` table on free ports (bench/lib/stack.mjs: own NATS,
// Redis and databases), sending mail to a mail catcher started here, with the e-mail rule for
// sellers on (as under `npm start`). node --test scripts/dev/demo-data.test.mjs
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { freePort } from "../../bench/lib/processes.mjs";
import { ROOT, startStack } from "../../bench/lib/stack.mjs";
import { DEMO_ACCOUNTS, demoDataWanted, demoEvents, seedDemoData } from "./demo-data.mjs";

const CATCHER = join(ROOT, "mail-catcher/dist/server.js");
let stack;
let catcher;

before(async () => {
  if (!existsSync(CATCHER)) throw new Error("mail-catcher is not built: npm run build");
  const { startMailCatcher } = await import(CATCHER);
  catcher = await startMailCatcher({ smtpPort: await freePort(), httpPort: 0 });
  stack = await startStack({
    prefix: `demo_${process.pid}`,
    services: ["auth", "tickets", "notifications"],
    logLevel: "warn",
    env: {
      tickets: { SELLER_EMAIL_VERIFICATION: "required" },
      notifications: { SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`, MAIL_POLL_MS: "200" },
    },
  });
});
after(async () => {
  await stack?.stop();
  await catcher?.stop();
});

const json = async (path, init = {}) => {
  const res = await fetch(`${stack.url}${path}`, {
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};

test("an empty marketplace gets demo events with visible listings and two demo accounts that sign in; a second run changes nothing", async () => {
  const result = await seedDemoData(stack.url, { mailUrl: catcher.url });
  const expected = demoEvents();
  const listings = expected.reduce((n, e) => n + e.prices.length, 0);
  assert.deepEqual(result, { events: expected.length, listings });

  // Every listing is visible to an anonymous buyer (its ticket file is attached), marked as demo.
  const { body } = await json("/api/tickets?limit=100");
  assert.equal(body.total, listings);
  for (const ticket of body.tickets) assert.match(ticket.title, /\(demo\)$/);
  const events = await json("/api/events?limit=50");
  assert.equal(events.body.total, expected.length);
  for (const event of events.body.events) assert.match(event.name, /\(demo\)$/);

  for (const { email, password, name } of DEMO_ACCOUNTS) {
    const signedIn = await json("/api/users/signin", { method: "POST", body: JSON.stringify({ email, password }) });
    assert.equal(signedIn.status, 200, email);
    assert.equal(signedIn.body.user.name, name);
    assert.equal(signedIn.body.user.emailVerified, true, `${email} verified with the mailed link`);
  }

  assert.deepEqual(await seedDemoData(stack.url, { mailUrl: catcher.url }), {
    skipped: "the marketplace already has events",
  });
  assert.equal((await json("/api/tickets?limit=100")).body.total, listings);
});

test("never in production, and off with DEMO_DATA=0", async () => {
  await assert.rejects(
    seedDemoData(stack.url, { mailUrl: catcher.url, env: { NODE_ENV: "production" } }),
    /never created in production/,
  );
  assert.equal(demoDataWanted({ NODE_ENV: "production" }), false);
  assert.equal(demoDataWanted({ DEMO_DATA: "0" }), false);
  assert.equal(demoDataWanted({ NODE_ENV: "development" }), true);
});
