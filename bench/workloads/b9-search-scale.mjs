// B9: event search and one event's listings as the marketplace grows: 10k, 100k and 1M
// listings (20 per event), seeded straight into the run's own tickets database with
// generate_series (seconds, not hours through the API), then measured against the
// tickets service: a buyer's search for an artist (a different one per request), the
// home page's upcoming events with tickets, and one event's listings cheapest first.
// Target: p99 at 1M at most 2× p99 at 10k (the queries are index-backed, not scans).
import { randomUUID } from "node:crypto";
import { load, warm } from "../lib/load.mjs";
import { round } from "../lib/stats.mjs";

const PER_EVENT = 20;
const ARTISTS = 1000;

/** Replaces the tickets database's events and listings with `listings` generated ones. */
async function seed(pool, listings) {
  const events = Math.max(1, Math.round(listings / PER_EVENT));
  const seller = randomUUID();
  await pool.query("truncate event_alerts, tickets, events");
  await pool.query(
    `insert into events (name, venue, city, country, starts_at, time_zone, currency, created_by, dedupe_key)
     select 'Artist' || (i % ${ARTISTS}) || ' ' || (array['Live','Tour','Night','Festival'])[1 + i % 4] || ' ' || i,
            (array['Paradiso','Ziggo Dome','Royal Albert Hall','Stade de France','Madison Square Garden'])[1 + i % 5],
            (array['Amsterdam','London','Paris','New York','Tokyo','Berlin'])[1 + i % 6],
            'NL', now() + make_interval(mins => 60 + (i * 7919) % 525600), 'Europe/Amsterdam', 'EUR', $1, 'bench|' || i
     from generate_series(1, $2) i`,
    [seller, events],
  );
  await pool.query(
    `insert into tickets (event_id, title, price_cents, face_value_cents, currency, event_date, time_zone, venue, user_id, status, listed_at)
     select e.id, e.name, 2000 + (g * 37 + hashtext(e.id::text)) % 10000 + 10000, 30000, 'EUR', e.starts_at, e.time_zone, e.venue, $1, 'available', now()
     from events e cross join generate_series(1, ${PER_EVENT}) g`,
    [seller],
  );
  await pool.query(
    `update events e set available_count = s.n, min_price_cents = s.lowest
     from (select event_id, count(*)::int n, min(price_cents) lowest from tickets where status = 'available' group by event_id) s
     where e.id = s.event_id`,
  );
  await pool.query("vacuum analyze events");
  await pool.query("vacuum analyze tickets");
  const { rows } = await pool.query("select id from events order by random() limit 1000");
  return rows.map((r) => r.id);
}

export async function b9SearchScale({ stack, durationS, scales = [10_000, 100_000, 1_000_000], log }) {
  const pool = stack.pool("tickets");
  const base = stack.serviceUrl("tickets");
  const measured = {};
  for (const listings of scales) {
    const t = performance.now();
    const eventIds = await seed(pool, listings);
    log(`B9 seeded ${listings} listings (${listings / PER_EVENT} events) in ${Math.round(performance.now() - t)} ms`);
    const pick = (list) => list[Math.floor(Math.random() * list.length)];
    const targets = {
      search: {
        url: `${base}/api/events`,
        setupRequest: (req) => ({
          ...req,
          path: `/api/events?q=artist${Math.floor(Math.random() * ARTISTS)}&available=true&limit=20`,
        }),
      },
      upcoming: { url: `${base}/api/events?available=true&limit=12` },
      listings: {
        url: `${base}/api/tickets`,
        setupRequest: (req) => ({ ...req, path: `/api/tickets?eventId=${pick(eventIds)}&sort=price_asc&limit=20` }),
      },
    };
    measured[listings] = {};
    for (const [name, options] of Object.entries(targets)) {
      await warm({ ...options, connections: 20 });
      const r = await load({ ...options, connections: 20, durationS });
      measured[listings][name] = r;
      log(`B9 ${name} at ${listings}: ${round(r.rps, 0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}`);
    }
  }
  const label = {
    search: "GET /api/events?q=artistN&available=true",
    upcoming: "GET /api/events?available=true (home)",
    listings: "GET /api/tickets?eventId=&sort=price_asc",
  };
  const rows = [];
  const [smallest] = scales;
  const largest = scales[scales.length - 1];
  for (const name of Object.keys(label)) {
    for (const listings of scales) {
      const r = measured[listings][name];
      rows.push({
        id: "B9",
        workload: `${listings === smallest ? label[name] : " "} at ${listings.toLocaleString("en-US")} listings, 20 conn`,
        figure: "req/s; p50 / p99 ms",
        value: `${round(r.rps, 0)}; ${r.p50} / ${r.p99}`,
        baseline: "",
        ratio: null,
        target: "",
        met: r.non2xx === 0 && r.errors === 0 ? null : false,
      });
    }
    const growth = measured[largest][name].p99 / Math.max(1, measured[smallest][name].p99);
    rows.push({
      id: "B9",
      workload: `  p99 growth ${smallest.toLocaleString("en-US")} → ${largest.toLocaleString("en-US")}`,
      figure: "×",
      value: round(growth, 2),
      baseline: "",
      ratio: null,
      target: "≤ 2×",
      met: growth <= 2,
    });
  }
  return { rows, raw: measured };
}
