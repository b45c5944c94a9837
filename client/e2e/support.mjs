// Shared pieces of the browser end-to-end tests: the browser, sign-up and listing steps,
// screenshots at phone and desktop widths, axe checks, and waiting for eventual effects.
// The system under test is started by scripts/test.d/90-e2e.sh (as `npm start` does).
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { ticketFileFixture } from "@m-ticketing/common/testing";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));

export const BASE_URL = process.env.E2E_BASE_URL || "http://localhost:8080";
export const EMULATOR_URL = process.env.E2E_PAYPAL_EMULATOR_URL || "http://127.0.0.1:3009";
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR || path.resolve(here, "../test-results/screenshots");
export const MAIL_URL = process.env.E2E_MAIL_URL || "http://127.0.0.1:1080";
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };
/** The two widths issue 17's axe checks run at (the issue's desktop and phone). */
export const WIDE = { width: 1366, height: 900 };
export const NARROW = { width: 390, height: 844 };

/** Debian's Chromium, as the project's test set-up installs it (npx playwright install cannot download here). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser context (its own cookies: one person). Uncaught page errors are
 * collected: the client must never throw at its users.
 */
export async function newPerson(browser, viewport = DESKTOP, timezoneId = undefined) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, locale: "en-US", timezoneId });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const pageErrors = [];
  context.on("page", (p) => p.on("pageerror", (err) => pageErrors.push(`${p.url()}: ${err.message}`)));
  page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  return { context, page, pageErrors };
}

export const unique = () => randomBytes(4).toString("hex");

export function person(role) {
  const id = unique();
  return {
    name: `${role === "seller" ? "Sally Seller" : "Bob Buyer"} ${id.replace(/\d/g, "")}`.trim(),
    email: `${role}-${id}@example.com`,
    password: `pass-${id}-word`,
  };
}

/** Signs up through the form and waits until the header shows the new user. */
export async function signUp(page, who) {
  await page.goto("/auth/signup");
  await page.locator("#signup-name").fill(who.name);
  await page.locator("#signup-email").fill(who.email);
  await page.locator("#signup-password").fill(who.password);
  await page.locator("#signup-passwordConfirm").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("account-menu").getByText(who.name).first().waitFor({ state: "attached" });
}

/** A datetime-local value `days` from now at 20:00 local time. */
export function futureDateTimeLocal(days = 60) {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T20:00`;
}

/** Fills the sell form's "create the event" part (the show is new). */
export async function describeNewEvent(
  page,
  {
    name,
    venue = "Royal Albert Hall",
    city = "London",
    country = "GB",
    timeZone = "Europe/London",
    startsAt = futureDateTimeLocal(),
  },
) {
  await page.getByRole("button", { name: "Not there? Create the event" }).click();
  await page.locator("#sell-event-name").fill(name);
  await page.locator("#sell-event-venue").fill(venue);
  await page.locator("#sell-event-city").fill(city);
  await page.locator("#sell-event-country").fill(country);
  await page.locator("#sell-event-startsAt").fill(startsAt);
  await page.locator("#sell-event-timeZone").fill(timeZone);
}

/**
 * Lists a ticket through the sell form for a new event named `title` (face value = price,
 * unless given); answers its id once its page shows.
 */
export async function listTicket(page, { title, price, faceValue = price, venue, description = "" }) {
  await page.goto("/tickets/new");
  await describeNewEvent(page, { name: title, venue });
  await page.locator("#sell-faceValue").fill(faceValue);
  await page.locator("#sell-price").fill(price);
  if (description) await page.locator("#sell-description").fill(description);
  await page.getByRole("button", { name: "List tickets" }).click();
  await attachTickets(page);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return page.url().split("/").pop();
}

/**
 * The sell flow's attach step, for each new listing in turn: `file` (Playwright's
 * `{ name, mimeType, buffer }`) or a stand-in picture without a barcode, whose value the
 * seller then types. Ends on the (last) listing's page; returns the barcodes.
 */
export async function attachTickets(page, files = []) {
  const barcodes = [];
  for (let i = 0; ; i++) {
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}(\/attach(\?.*)?)?$/);
    if (!/\/attach/.test(page.url())) return barcodes;
    const fixture = ticketFileFixture();
    const file = files[i] ?? { name: "ticket.png", mimeType: "image/png", buffer: fixture.bytes };
    await page.getByLabel(/Ticket file/).setInputFiles(file);
    await page.getByRole("button", { name: "Attach ticket" }).click();
    const attached = page.getByTestId("ticket-attached");
    const asked = page.getByRole("textbox", { name: "Barcode (as printed on the ticket)" });
    await attached.or(asked).waitFor();
    if (await asked.isVisible()) {
      await asked.fill(fixture.barcode);
      await page.getByRole("button", { name: "Attach ticket" }).click();
      await attached.waitFor();
    }
    barcodes.push((await attached.textContent()).match(/…(\S{4})/)?.[1]);
    // Wait for the navigation to leave this attach page: the loop's waitForURL would
    // otherwise match the page being left (seen on a loaded machine).
    const leaving = page.url();
    await page.getByRole("link", { name: /View your listing|Attach the next ticket/ }).click();
    await page.waitForURL((url) => url.href !== leaving);
  }
}

/**
 * Orders a ticket from its page. The orders service hears of a new listing through an
 * event, a moment after it is published: the page then asks to try again, as a person would.
 */
export async function buyTicket(page, ticketId) {
  await page.goto(`/tickets/${ticketId}`);
  await eventually(
    async () => {
      await page.getByRole("button", { name: "Buy this ticket" }).click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 5000 });
      return true;
    },
    { what: "the order to be created", timeout: 30_000 },
  );
  return page.url().split("/").pop();
}

/** Polls `check` until it returns a truthy value (errors count as "not yet"). */
export async function eventually(check, { timeout = 30_000, interval = 500, what = "a condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Saves the page at phone and desktop widths into test-results/screenshots (git-ignored). */
export async function screenshots(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [label, size] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ]) {
    await page.setViewportSize(size);
    await page.waitForLoadState("networkidle").catch(() => {});
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** One axe violation as a readable line: impact, rule, help and its first three nodes. */
const describeViolation = (v) =>
  `${v.impact} ${v.id}: ${v.help} (${v.nodes
    .map((n) => n.target.join(" "))
    .slice(0, 3)
    .join("; ")})`;

/** axe-core's serious and critical violations on the page, as readable lines. */
export async function seriousViolations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map(describeViolation);
}

/**
 * Every axe violation (any impact) on the page at WIDE and NARROW, as readable lines naming
 * the page and width; screenshots it as `<screenshotPrefix>-<name>` and leaves it at WIDE.
 */
export async function allViolations(page, name, screenshotPrefix) {
  const lines = [];
  // A page streams in after its loading skeleton (root loading.tsx), and pages that need a
  // session render once it is known: `goto` can return before that. Every page has one h1
  // (axe checks it), so analyse once it is there, not the skeleton.
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    const result = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    for (const v of result.violations) lines.push(`${name} @${size.width}px: ${describeViolation(v)}`);
  }
  await screenshots(page, `${screenshotPrefix}-${name}`);
  await page.setViewportSize(WIDE);
  return lines;
}

/** The first link to `path` in the newest mail to `to` (the mail catcher's API). */
export async function mailedLink(to, path) {
  return eventually(
    async () => {
      const res = await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`);
      const messages = await res.json();
      const list = Array.isArray(messages) ? messages : (messages.messages ?? []);
      for (const message of list.reverse()) {
        const match = new RegExp(`https?://\\S*${path}\\?token=[^\\s"<>]+`).exec(message.text ?? "");
        if (match) return match[0];
      }
      return null;
    },
    { what: `a mail to ${to} with a ${path} link` },
  );
}

/** Text of the first element matching the locator, or "" when it is not there. */
export async function textOf(locator) {
  return (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? "") : "";
}
