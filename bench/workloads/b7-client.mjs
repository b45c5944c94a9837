// B7: the client as a browser sees it. Headless Chromium (Debian's `chromium`, driven by
// playwright-core) loads `/`, `/tickets/[id]` and `/orders/[id]` through the gateway,
// each in a fresh context (empty cache): the JavaScript those pages load is summed as
// gzip would send it, and TTFB and LCP of `/` are the medians of five loads after one
// warm-up (the first request of `next start` renders cold).
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { request } from "../lib/http.mjs";
import { createTickets, user, waitReplicated } from "../lib/seed.mjs";
import { percentile, round } from "../lib/stats.mjs";

const LOADS = 5;

function chromiumPath() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  return candidates.find((p) => p && existsSync(p));
}

const notMeasured = (why) => ({
  rows: [
    {
      id: "B7",
      workload: "client",
      figure: "JS gzip kB; TTFB / LCP ms",
      value: why,
      baseline: null,
      ratio: null,
      target: "≤ 200 kB on /; LCP ≤ 1500 ms",
      met: null,
    },
  ],
  raw: { skipped: why },
});

/** Loads `url` in a fresh context; returns the gzip size of its scripts and the navigation timings. */
async function visit(browser, url, cookie) {
  const context = await browser.newContext();
  if (cookie) {
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url }]);
  }
  const page = await context.newPage();
  const scripts = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") {
      const path = new URL(res.url()).pathname;
      scripts.push(
        res
          .body()
          .then((b) => ({ path, gzip: gzipSync(b).length }))
          .catch(() => ({ path, gzip: 0 })),
      );
    }
  });
  const res = await page.goto(url, { waitUntil: "networkidle", timeout: 30_000 });
  const timing = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const nav = performance.getEntriesByType("navigation")[0];
        let lcp = null;
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          lcp = entries[entries.length - 1].startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve({ ttfb: nav.responseStart - nav.startTime, lcp }), 300);
      }),
  );
  const sizes = (await Promise.all(scripts)).sort((a, b) => b.gzip - a.gzip);
  const bytes = sizes.reduce((a, b) => a + b.gzip, 0);
  await context.close();
  // The largest scripts: what a page's budget goes to.
  const largest = sizes.slice(0, 4).map((s) => `${s.path} ${(s.gzip / 1024).toFixed(1)} kB`);
  return { status: res?.status() ?? 0, jsGzipKb: bytes / 1024, scripts: scripts.length, largest, ...timing };
}

export async function b7Client({ stack, built, log }) {
  if (!built) return notMeasured("client not built (npm run build -w client)");
  if (!stack.instance("client")) return notMeasured("client not running");
  const executablePath = chromiumPath();
  if (!executablePath) return notMeasured("no Chromium (apt-get install chromium, or set CHROMIUM_PATH)");
  const { chromium } = await import("playwright-core");

  const [shown, bought] = await createTickets(stack, 2, { sellers: 1 });
  await waitReplicated(stack, [bought]);
  const buyer = user(stack);
  const order = await request(stack.url, "POST", "/api/orders", { body: { ticketId: bought }, cookie: buyer.cookie });
  if (order.status !== 201) throw new Error(`B7: could not place the order for /orders/[id]: ${order.status}`);

  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const pages = {
      "/": await visit(browser, `${stack.url}/`),
      "/tickets/[id]": await visit(browser, `${stack.url}/tickets/${shown}`),
      "/orders/[id]": await visit(browser, `${stack.url}/orders/${order.body.order.id}`, buyer.cookie),
    };
    const home = [];
    for (let i = 0; i < LOADS; i++) home.push(await visit(browser, `${stack.url}/`));
    const ttfb = percentile(
      home.map((h) => h.ttfb),
      50,
    );
    const lcps = home.map((h) => h.lcp).filter((v) => v !== null);
    const lcp = lcps.length ? percentile(lcps, 50) : null;
    for (const [path, p] of Object.entries(pages))
      log(
        `B7 ${path}: HTTP ${p.status}, ${p.scripts} scripts, ${round(p.jsGzipKb, 1)} kB gzip; largest: ${p.largest.join(", ")}`,
      );
    log(`B7 /: TTFB ${round(ttfb, 0)} ms, LCP ${round(lcp, 0)} ms (median of ${LOADS})`);
    const statusOk = Object.values(pages).every((p) => p.status === 200);
    return {
      rows: [
        ...Object.entries(pages).map(([path, p]) => ({
          id: "B7",
          workload: `client ${path}`,
          figure: "JS loaded, gzip kB",
          value: round(p.jsGzipKb, 1),
          baseline: null,
          ratio: null,
          target: path === "/" ? "≤ 200 kB" : "",
          met: path === "/" ? p.jsGzipKb <= 200 && statusOk : null,
        })),
        {
          id: "B7",
          workload: "client /",
          figure: "TTFB / LCP ms (median of 5)",
          value: `${round(ttfb, 0)} / ${round(lcp, 0)}`,
          baseline: null,
          ratio: null,
          target: "LCP ≤ 1500 ms",
          met: lcp !== null && lcp <= 1500,
        },
      ],
      raw: { pages, home },
    };
  } finally {
    await browser.close();
  }
}
