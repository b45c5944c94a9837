// B7: the client as a browser sees it. Headless Chromium (Debian's `chromium`, driven by
// playwright-core) loads `/`, `/tickets/[id]` and `/orders/[id]` through the gateway,
// each in a fresh context (empty cache): the JavaScript those pages load is summed as
// gzip would send it, and TTFB and LCP of `/` are the medians of five loads after one
// warm-up (the first request of `next start` renders cold). The phone profile (issue 17's
// budgets) loads `/` at 390×844 with 4× CPU throttling and a slow network (150 ms RTT,
// 1.6 Mbit/s down) three times: median LCP and cumulative layout shift (CLS).
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { request } from "../lib/http.mjs";
import { createTickets, waitReplicated } from "../lib/seed.mjs";
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
      target: "≤ 170 kB on /; phone LCP ≤ 1200 ms, CLS ≤ 0.05",
      met: null,
    },
  ],
  raw: { skipped: why },
});

const PHONE_LOADS = 3;
/** Issue 17's phone profile: a 390×844 phone, CPU 4× slower, a slow mobile network. */
const PHONE = {
  context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  cpuRate: 4,
  network: {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  },
};

/** Loads `url` in a fresh context; returns the gzip size of its scripts and the navigation timings. */
async function visit(browser, url, cookie, phone = false) {
  const context = await browser.newContext(phone ? PHONE.context : {});
  if (cookie) {
    const at = cookie.indexOf("=");
    const [name, value] = [cookie.slice(0, at), cookie.slice(at + 1)];
    // For the whole site (a cookie set with `url` is limited to that page's folder, and the
    // page's own API calls would go without it).
    await context.addCookies([{ name, value, domain: new URL(url).hostname, path: "/" }]);
  }
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpuRate });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", PHONE.network);
  }
  // Layout shifts from the start of the load (not after input), summed as CLS is.
  // What moved, for the log: the element and its box before and after.
  await page.addInitScript(() => {
    window.__cls = 0;
    window.__shifts = [];
    const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        window.__cls += entry.value;
        for (const source of entry.sources ?? []) {
          const node = source.node;
          const name = node
            ? `${node.nodeName.toLowerCase()}${node.className ? `.${String(node.className).split(" ")[0]}` : ""}`
            : "?";
          window.__shifts.push(
            `${entry.value.toFixed(3)} at ${Math.round(entry.startTime)} ms: ${name} ${box(source.previousRect)} -> ${box(source.currentRect)}`,
          );
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const scripts = [];
  // Every page load in the visit (a redirect or a reload loads the page's scripts again).
  const documents = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "document") {
      const { pathname, search } = new URL(res.url());
      documents.push(`${res.status()} ${pathname}${search}`);
    }
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
  const res = await page.goto(url, { waitUntil: "networkidle", timeout: phone ? 90_000 : 30_000 });
  const timing = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const nav = performance.getEntriesByType("navigation")[0];
        let lcp = null;
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          lcp = entries[entries.length - 1].startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(
          () => resolve({ ttfb: nav.responseStart - nav.startTime, lcp, cls: window.__cls, shifts: window.__shifts }),
          300,
        );
      }),
  );
  const sizes = (await Promise.all(scripts)).sort((a, b) => b.gzip - a.gzip);
  const bytes = sizes.reduce((a, b) => a + b.gzip, 0);
  await context.close();
  // The largest scripts: what a page's budget goes to.
  const largest = sizes.slice(0, 4).map((s) => `${s.path} ${(s.gzip / 1024).toFixed(1)} kB`);
  return { status: res?.status() ?? 0, jsGzipKb: bytes / 1024, scripts: scripts.length, largest, documents, ...timing };
}

/**
 * A buyer auth knows (signed up through the gateway): the order page asks auth who is signed
 * in, and a signed cookie alone (seed's `user`) is a stranger to it, so the page would redirect
 * to sign-in and B7 would measure that instead of the order page.
 */
async function signedUpBuyer(stack) {
  const id = Math.random().toString(36).slice(2, 10);
  const password = `b7-${id}-Quartz-Lantern`;
  const res = await request(stack.url, "POST", "/api/users/signup", {
    body: { name: "Bench Buyer", email: `b7-${id}@bench.test`, password, passwordConfirm: password },
  });
  const setCookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("session="));
  if (res.status !== 201 || !setCookie) throw new Error(`B7: could not sign up the buyer: ${res.status}`);
  return { cookie: setCookie.split(";")[0] };
}

export async function b7Client({ stack, built, log }) {
  if (!built) return notMeasured("client not built (npm run build -w client)");
  if (!stack.instance("client")) return notMeasured("client not running");
  const executablePath = chromiumPath();
  if (!executablePath) return notMeasured("no Chromium (apt-get install chromium, or set CHROMIUM_PATH)");
  const { chromium } = await import("playwright-core");

  const [shown, bought] = await createTickets(stack, 2, { sellers: 1 });
  await waitReplicated(stack, [bought]);
  const buyer = await signedUpBuyer(stack);
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
    const phone = [];
    for (let i = 0; i < PHONE_LOADS; i++) phone.push(await visit(browser, `${stack.url}/`, undefined, true));
    const phoneLcps = phone.map((h) => h.lcp).filter((v) => v !== null);
    const phoneLcp = phoneLcps.length ? percentile(phoneLcps, 50) : null;
    const phoneCls = percentile(
      phone.map((h) => h.cls ?? 0),
      50,
    );
    const worstCls = Math.max(...phone.map((h) => h.cls ?? 0));
    for (const [i, load] of phone.entries())
      if (load.shifts?.length) log(`B7 / phone load ${i + 1}: layout shifts ${load.shifts.join("; ")}`);
    log(
      `B7 / on the phone profile: LCP ${round(phoneLcp, 0)} ms, CLS ${round(phoneCls, 3)} (worst ${round(worstCls, 3)}; ${PHONE_LOADS} loads)`,
    );
    for (const [path, p] of Object.entries(pages))
      log(
        `B7 ${path}: HTTP ${p.status}, ${p.scripts} scripts, ${round(p.jsGzipKb, 1)} kB gzip; largest: ${p.largest.join(", ")}; documents: ${p.documents.join(", ")}`,
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
          target: path === "/" ? "≤ 170 kB" : "",
          met: path === "/" ? p.jsGzipKb <= 170 && statusOk : null,
        })),
        {
          id: "B7",
          workload: "client /",
          figure: "TTFB / LCP ms (median of 5)",
          value: `${round(ttfb, 0)} / ${round(lcp, 0)}`,
          baseline: null,
          ratio: null,
          target: "",
          met: null,
        },
        {
          id: "B7",
          workload: "client / phone (390 px, CPU ×4, slow network)",
          figure: `LCP ms / CLS (median of ${PHONE_LOADS}; worst CLS)`,
          value: `${round(phoneLcp, 0)} / ${round(phoneCls, 3)} (${round(worstCls, 3)})`,
          baseline: null,
          ratio: null,
          target: "LCP ≤ 1200 ms; CLS ≤ 0.05",
          met: phoneLcp !== null && phoneLcp <= 1200 && worstCls <= 0.05,
        },
      ],
      raw: { pages, home, phone },
    };
  } finally {
    await browser.close();
  }
}
