// Issue 12, finding 7: bad input is a 4xx, never a 5xx, and never half-written. fast-check
// throws arbitrary path ids, queries, bodies (JSON, not JSON, compressed, with NUL characters),
// with and without a session, at every route every backend service answers (read from the
// running app, so a new route is covered without touching this file). A 4xx must leave every
// table as it was (except the sign-in attempt counters, which count attempts on purpose).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type RouteEntry, SESSION_COOKIE } from "@m-ticketing/common";
import { sessionCookie, startTest } from "@m-ticketing/common/testing";
import { paypalEmulator } from "@m-ticketing/paypal-emulator";
import fc from "fast-check";
import type { Pool } from "pg";
import request from "supertest";
import { authModule } from "../auth/src/app";
import { ordersModule } from "../orders/src/app";
import { paymentsModule } from "../payments/src/app";
import { ticketsModule } from "../tickets/src/app";

interface Target {
  url: string;
  routes: RouteEntry[];
  pool: Pool;
}

// Tables a refused request may still change on purpose.
const COUNTERS = new Set(["sign_in_failures"]);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 12);

let stack: Awaited<ReturnType<typeof startFuzzTargets>>;
let photoDir: string;
const targets: Record<string, Target> = {};

function startFuzzTargets(dir: string) {
  return startTest({
    services: [authModule, ticketsModule, ordersModule, paymentsModule],
    resources: { paypal: paypalEmulator },
    env: { PHOTO_DIR: dir, PASSWORD_SCRYPT_LOG_N: "14" },
  });
}

beforeAll(async () => {
  photoDir = await fs.mkdtemp(path.join(os.tmpdir(), "fuzz-photos-"));
  stack = await startFuzzTargets(photoDir);
  for (const module of [authModule, ticketsModule, ordersModule, paymentsModule]) {
    const running = stack.get(module as typeof authModule);
    const service = running.service as unknown as { routes(): RouteEntry[]; context: { database: { pool: Pool } } };
    targets[module.name] = { url: running.url, routes: service.routes(), pool: service.context.database.pool };
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await fs.rm(photoDir, { recursive: true, force: true });
});

/** Row counts of every table (one round trip), for "nothing half-written". */
async function tableCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const counted = tables.filter((t) => !COUNTERS.has(t.name) && !t.name.startsWith("__drizzle"));
  if (!counted.length) return {};
  const { rows } = await pool.query(
    `select ${counted.map((t, i) => `(select count(*) from "${t.name}")::int as c${i}`).join(", ")}`,
  );
  return Object.fromEntries(counted.map((t, i) => [t.name, rows[0][`c${i}`] as number]));
}

// Path segments: good ids, junk, and encodings that do not decode or decode to NUL.
const RAW_SEGMENTS = ["%ZZ", "%00", "%E0%A4%A", "..", "%2F", "a%00b", "%", "%C0%AF", "💥", "null"];
const segment = fc.oneof(
  fc.uuid().map(String),
  fc.constantFrom(...RAW_SEGMENTS),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || "x"),
);

const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom("%00", "%ZZ", "-1", "1e309", "99999999999999999999", "", "a%00b"),
);
const query = fc
  .array(fc.tuple(fc.constantFrom("q", "page", "limit", "sort", "orderId", "v", "status", "x"), queryValue), {
    maxLength: 4,
  })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

// JSON values with the fields the routes read, filled with anything.
const FIELDS = [
  "email", "password", "passwordConfirm", "name", "title", "price", "description", "eventDate", "venue",
  "ticketId", "orderId", "returnUrl", "cancelUrl", "currentPassword", "newPassword", "newPasswordConfirm",
  "jobTitle", "phone", "recaptchaToken",
]; // biome-ignore format: one list
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000`),
  fc.constantFrom("\u0000", "%ZZ", "1e309", -1, 0, 2 ** 53, "2030-01-01T00:00:00Z", "http://evil.example/x"),
  fc.uuid().map(String),
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 6 }).map((o) => ({ json: o })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ json: v })),
  fc.string({ maxLength: 60 }).map((s) => ({ raw: s, type: "application/json" })),
  fc.string({ maxLength: 60 }).map((s) => ({ raw: s, type: "text/plain" })),
  fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 4 }).map((o) => ({ gzip: o })),
);

function requestFor(route: RouteEntry) {
  const params = route.path.match(/:[A-Za-z]+/g) ?? [];
  return fc.record({
    segments: fc.tuple(...params.map(() => segment)),
    query,
    body,
    signedIn: fc.boolean(),
  });
}

function fill(route: RouteEntry, segments: string[]): string {
  let i = 0;
  return route.path.replace(/:[A-Za-z]+/g, () => segments[i++] ?? "x");
}

const services = ["auth", "tickets", "orders", "payments"];

test.each(services)(
  "%s: arbitrary input to every route is never a 5xx and a 4xx writes nothing",
  async (name) => {
    const target = targets[name]!;
    expect(target.routes.length).toBeGreaterThan(2);
    const user = { id: "5b8c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", email: "fuzz@example.test", name: "Fuzz" };
    for (const route of target.routes) {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async ({ segments, query: q, body: b, signedIn }) => {
          const url = `${fill(route, segments)}${q ? `?${q}` : ""}`;
          const before = await tableCounts(target.pool);
          let req = request(target.url)[route.method.toLowerCase() as "get"](url).redirects(0);
          if (signedIn) req = req.set("Cookie", sessionCookie(user));
          if (route.method !== "GET" && route.method !== "HEAD") {
            if ("json" in b) req = req.set("Content-Type", "application/json").send(JSON.stringify(b.json));
            else if ("gzip" in b) {
              req = req
                .set("Content-Type", "application/json")
                .set("Content-Encoding", "gzip")
                .send(gzipSync(JSON.stringify(b.gzip)));
            } else req = req.set("Content-Type", b.type).send(b.raw);
          }
          const res = await req;
          if (res.status >= 500) {
            throw new Error(`${route.method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
          }
          if (res.status >= 400) expect(await tableCounts(target.pool)).toEqual(before);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    // The cookie name is the one every service reads (a typo here would fuzz only signed-out paths).
    expect(sessionCookie(user).startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  },
  300_000,
);
