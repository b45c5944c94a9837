// Demo data for a newcomer's first `npm start`: on an empty marketplace (no upcoming
// events), two demo accounts, a handful of demo events around the world and listings for
// them, created through the services' public APIs (the gateway), exactly as people would.
// Never when NODE_ENV=production; off with DEMO_DATA=0 (the browser tests turn it off).

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

/** Signs the account up, or in when it exists already; answers its session cookie. */
async function session(baseUrl, account) {
  const { name, email, password } = account;
  const up = await call(baseUrl, "/api/users/signup", {
    method: "POST",
    body: { name, email, password, passwordConfirm: password },
  });
  if (up.status === 201 || up.status === 200) return up.cookie;
  const inn = await call(baseUrl, "/api/users/signin", { method: "POST", body: { email, password } });
  if (inn.status === 200) return inn.cookie;
  throw new Error(`demo account ${email}: sign-up ${up.status}, sign-in ${inn.status}`);
}

/** Whether demo data belongs in this run: never in production, off with DEMO_DATA=0. */
export function demoDataWanted(env = process.env) {
  return (
    env.NODE_ENV !== "production" && !["0", "false", "no", "off"].includes(String(env.DEMO_DATA ?? "").toLowerCase())
  );
}

/**
 * Seeds the demo marketplace through the gateway at `baseUrl` when it has no upcoming
 * events; answers what it did (`skipped` with the reason, or the counts).
 */
export async function seedDemoData(baseUrl) {
  const existing = await call(baseUrl, "/api/events?limit=1");
  if (existing.status !== 200) throw new Error(`GET /api/events answered ${existing.status}`);
  if (existing.data.total > 0) return { skipped: "the marketplace already has events" };
  const [seller] = DEMO_ACCOUNTS;
  const cookie = await session(baseUrl, seller);
  await session(baseUrl, DEMO_ACCOUNTS[1]);
  let listings = 0;
  const events = demoEvents();
  for (const { face, prices, ...event } of events) {
    for (const price of prices) {
      const res = await call(baseUrl, "/api/tickets", {
        method: "POST",
        cookie,
        body: { event, price, faceValue: face, description: "Demo listing: not a real ticket." },
      });
      if (res.status !== 201) throw new Error(`listing for ${event.name}: ${res.status} ${JSON.stringify(res.data)}`);
      // Buyers see a listing once its ticket is attached: a stand-in file with a typed barcode.
      await attachTicketFile(baseUrl, cookie, res.data.ticket.id);
      listings++;
    }
  }
  return { events: events.length, listings };
}
