// The real PayPal buttons path: a client configured with NEXT_PUBLIC_PAYPAL_CLIENT_ID (a
// second client process behind a second gateway, both talking to the same services),
// with PayPal's SDK URL routed to a small stub script that speaks the SDK's interface.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createGateway } from "../../scripts/dev/gateway.mjs";
import { ROUTES } from "../../scripts/dev/routes.mjs";
import { BASE_URL, buyTicket, EMULATOR_URL, launchBrowser, listTicket, person, signUp, unique } from "./support.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const clientDir = path.resolve(here, "..");
const SDK_URL = "https://www.paypal.com/sdk/js**";
const stubScript = readFileSync(path.join(here, "paypal-sdk-stub.js"), "utf8");

let browser;
let client;
let gateway;
let siteUrl;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts the PayPal-configured client, its gateway and the browser once, for the first test that needs them. */
let setup;
const ready = () => {
  setup ??= start();
  return setup;
};

async function start() {
  const clientPort = await freePort();
  const next = createRequire(path.join(clientDir, "package.json")).resolve("next/dist/bin/next");
  client = spawn(process.execPath, [next, "start", "-p", String(clientPort)], {
    cwd: clientDir,
    env: {
      ...process.env,
      PORT: String(clientPort),
      API_BASE_URL: BASE_URL,
      NEXT_PUBLIC_PAYPAL_CLIENT_ID: "e2e-sandbox-client-id",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  // The same routes as `npm start`, except that pages come from the PayPal-configured client.
  const routes = ROUTES.map((route) => (route.service === "client" ? { ...route, port: clientPort } : route));
  gateway = createGateway(routes, { log: () => {} });
  await new Promise((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://localhost:${gateway.address().port}`;
  await waitForHttp(`http://127.0.0.1:${clientPort}/auth/signin`, 60_000);
  browser = await launchBrowser();
}

after(async () => {
  await browser?.close();
  if (gateway) {
    gateway.close();
    gateway.closeAllConnections();
  }
  if (client?.pid) {
    try {
      process.kill(-client.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((resolve) => (client.exitCode !== null ? resolve() : client.once("exit", resolve)));
  }
});

/** A person on the PayPal-configured site, with PayPal's SDK answered by the stub (or refused). */
async function onPaypalSite({ sdk }) {
  await ready();
  const context = await browser.newContext({ baseURL: siteUrl, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(20_000);
  const sdkRequests = [];
  await context.route(SDK_URL, (route) => {
    sdkRequests.push(route.request().url());
    return sdk === "stub"
      ? route.fulfill({ status: 200, contentType: "application/javascript", body: stubScript })
      : route.abort("connectionrefused");
  });
  // The buyer's approval at PayPal: the emulator's own approval hook (what its Approve button does).
  await context.exposeFunction("e2eApprovePaypalOrder", async (paypalOrderId) => {
    const res = await fetch(`${EMULATOR_URL}/v2/checkout/orders/${encodeURIComponent(paypalOrderId)}/approve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!res.ok) throw new Error(`emulator approval failed: ${res.status}`);
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (err) => pageErrors.push(err.message));
  return { context, page, sdkRequests, pageErrors };
}

test("with a PayPal client id the real PayPal buttons pay through our payments API", async () => {
  const seller = await onPaypalSite({ sdk: "stub" });
  await signUp(seller.page, person("seller"));
  const ticketId = await listTicket(seller.page, { title: `Symphony No. 9 ${unique()}`, price: "64.00" });

  const buyer = await onPaypalSite({ sdk: "stub" });
  await signUp(buyer.page, person("buyer"));
  await buyTicket(buyer.page, ticketId);

  await buyer.page.getByRole("button", { name: "PayPal checkout" }).click();
  await buyer.page.getByText("Payment complete").waitFor({ timeout: 45_000 });
  assert.equal(await buyer.page.getByRole("button", { name: /sandbox emulator/ }).count(), 0);
  assert.equal(buyer.sdkRequests.length, 1);
  const sdk = new URL(buyer.sdkRequests[0]);
  assert.equal(sdk.searchParams.get("client-id"), "e2e-sandbox-client-id");
  assert.equal(sdk.searchParams.get("currency"), "USD");
  assert.equal(sdk.searchParams.get("intent"), "capture");
  assert.deepEqual([...seller.pageErrors, ...buyer.pageErrors], []);
});

test("when PayPal's SDK cannot load, the order page says so instead of showing an empty box", async () => {
  const seller = await onPaypalSite({ sdk: "stub" });
  await signUp(seller.page, person("seller"));
  const ticketId = await listTicket(seller.page, { title: `Folk Evening ${unique()}`, price: "12.00" });

  const buyer = await onPaypalSite({ sdk: "blocked" });
  await signUp(buyer.page, person("buyer"));
  await buyTicket(buyer.page, ticketId);

  await buyer.page.getByText("PayPal could not be loaded").waitFor();
  await buyer.page.getByRole("button", { name: "Retry" }).waitFor();
  // The order itself is still there and can be cancelled.
  await buyer.page.getByRole("button", { name: "Cancel order" }).click();
  await buyer.page.getByText("You cancelled this order").waitFor();
  assert.deepEqual([...seller.pageErrors, ...buyer.pageErrors], []);
});
