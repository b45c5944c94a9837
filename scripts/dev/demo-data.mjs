// Demo data for a newcomer's first `npm start`: on an empty marketplace (no upcoming
// events), two demo accounts, a handful of demo events around the world and listings for
// them, created through the services' public APIs (the gateway), exactly as people would.
// Never when NODE_ENV=production (refused); off with DEMO_DATA=0 (the browser tests turn it
// off); skipped when the marketplace already has upcoming events. The demo accounts verify
// their address with the link mailed to them, read from the mail catcher (`mailUrl`), as a
// person would click it: sellers must be verified to list.

import { attachTicketFile } from "@m-ticketing/common/testing";

export const DEMO_ACCOUNTS = [
  { role: "seller", name: "Demo Seller", email: "demo-seller@example.com", password: "demo-seller-password" },
  { role: "buyer", name: "Demo Buyer", email: "demo-buyer@example.com", password: "demo-buyer-password" },
];

const day = 86_400_000;
/** `days` from now at `hour`:00 UTC, as an ISO instant. */
const at = (days, hour) => {
  const d = new Date(Date.now() + days * day);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** Demo events (names say "demo") with the prices of their listings. */
export function demoEvents() {
  return [
    {
      name: "Ajax vs Feyenoord (demo)",
      venue: "Johan Cruijff ArenA",
      city: "Amsterdam",
      country: "NL",
      timeZone: "Europe/Amsterdam",
      currency: "EUR",
      startsAt: at(12, 12),
      face: "65.00",
      prices: ["70.00", "75.00", "78.00"],
    },
    {
      name: "Beyoncé — Renaissance (demo)",
      venue: "Stade de France",
      city: "Saint-Denis",
      country: "FR",
      timeZone: "Europe/Paris",
      currency: "EUR",
      startsAt: at(30, 19),
      face: "120.00",
      prices: ["120.00", "135.00", "144.00", "99.00"],
    },
    {
      name: "Fontaines D.C. (demo)",
      venue: "Paradiso",
      city: "Amsterdam",
      country: "NL",
      timeZone: "Europe/Amsterdam",
      currency: "EUR",
      startsAt: at(7, 18),
      face: "38.50",
      prices: ["38.50", "42.00"],
    },
    {
      name: "Arctic Monkeys (demo)",
      venue: "Royal Albert Hall",
      city: "London",
      country: "GB",
      timeZone: "Europe/London",
      currency: "GBP",
      startsAt: at(21, 19),
      face: "55.00",
      prices: ["60.00", "66.00"],
    },
    {
      name: "Yoasobi (demo)",
      venue: "Nippon Budokan",
      city: "Tokyo",
      country: "JP",
      timeZone: "Asia/Tokyo",
      currency: "JPY",
      startsAt: at(45, 10),
      face: "9800",
      prices: ["9800", "11000"],
    },
    {
      name: "Knicks vs Celtics (demo)",
      venue: "Madison Square Garden",
      city: "New York",
      country: "US",
      timeZone: "America/New_York",
      currency: "USD",
      startsAt: at(18, 23),
      face: "150.00",
      prices: ["165.00", "180.00", "150.00"],
    },
  ];
}

async function call(baseUrl, path, { method = "GET", body, cookie } = {}) {
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: { "content-type": "application/json", accept: "application/json", ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const data = await res.json().catch(() => null);
  return {
    status: res.status,
    data,
    cookie: res.headers
      .getSetCookie?.()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

/** Signs the account up, or in when it exists already; answers its session cookie and user. */
async function session(baseUrl, account) {
  const { name, email, password } = account;
  const up = await call(baseUrl, "/api/users/signup", {
    method: "POST",
    body: { name, email, password, passwordConfirm: password },
  });
  if (up.status === 201 || up.status === 200) return { cookie: up.cookie, user: up.data.user };
  const inn = await call(baseUrl, "/api/users/signin", { method: "POST", body: { email, password } });
  if (inn.status === 200) return { cookie: inn.cookie, user: inn.data.user };
  throw new Error(`demo account ${email}: sign-up ${up.status}, sign-in ${inn.status}`);
}

/** The token of the newest "verify your address" mail to `email` in the catcher, or null after `waitMs`. */
async function verificationToken(mailUrl, email, waitMs) {
  const until = Date.now() + waitMs;
  for (;;) {
    const res = await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(email)}`, {
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    const messages = res?.ok ? await res.json() : [];
    const link = messages
      .map((m) => m.text.match(/\/auth\/verify-email\?token=([^\s&]+)/)?.[1])
      .filter(Boolean)
      .at(-1);
    if (link) return decodeURIComponent(link);
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Verifies the account's address with the mailed link (asking for a new one if the catcher has
 * none, e.g. it was restarted); answers the renewed session cookie.
 */
async function verify(baseUrl, mailUrl, account, { cookie, user }) {
  if (user?.emailVerified) return cookie;
  let token = await verificationToken(mailUrl, account.email, 30_000);
  if (!token) {
    await call(baseUrl, "/api/users/verify-email/resend", { method: "POST", cookie });
    token = await verificationToken(mailUrl, account.email, 60_000);
  }
  if (!token) throw new Error(`no verification mail for ${account.email} in the mail catcher at ${mailUrl}`);
  const res = await call(baseUrl, "/api/users/verify-email", { method: "POST", cookie, body: { token } });
  if (res.status !== 200) throw new Error(`verifying ${account.email}: ${res.status} ${JSON.stringify(res.data)}`);
  return res.cookie || cookie;
}

/** Whether demo data belongs in this run: never in production, off with DEMO_DATA=0. */
export function demoDataWanted(env = process.env) {
  return (
    env.NODE_ENV !== "production" && !["0", "false", "no", "off"].includes(String(env.DEMO_DATA ?? "").toLowerCase())
  );
}

/**
 * Seeds the demo marketplace through the gateway at `baseUrl` when it has no upcoming
 * events; answers what it did (`skipped` with the reason, or the counts). Throws when
 * NODE_ENV=production. `mailUrl`: the mail catcher's HTTP address (its API has the mails).
 */
export async function seedDemoData(baseUrl, { mailUrl = "http://127.0.0.1:1080", env = process.env } = {}) {
  if (env.NODE_ENV === "production") throw new Error("demo data is never created in production (NODE_ENV=production)");
  const existing = await call(baseUrl, "/api/events?limit=1");
  if (existing.status !== 200) throw new Error(`GET /api/events answered ${existing.status}`);
  if (existing.data.total > 0) return { skipped: "the marketplace already has events" };
  const cookies = [];
  for (const account of DEMO_ACCOUNTS) {
    cookies.push(await verify(baseUrl, mailUrl, account, await session(baseUrl, account)));
  }
  const [cookie] = cookies;
  let listings = 0;
  const events = demoEvents();
  for (const { face, prices, ...event } of events) {
    for (const price of prices) {
      const res = await call(baseUrl, "/api/tickets", {
        method: "POST",
        cookie,
        body: {
          event,
          price,
          faceValue: face,
          description: "Demo listing (demo data of a development system): not a real ticket.",
        },
      });
      if (res.status !== 201) throw new Error(`listing for ${event.name}: ${res.status} ${JSON.stringify(res.data)}`);
      // Buyers see a listing once its ticket is attached: a stand-in file with a typed barcode.
      await attachTicketFile(baseUrl, cookie, res.data.ticket.id);
      listings++;
    }
  }
  return { events: events.length, listings };
}
