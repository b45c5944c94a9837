// Events in the browser: the sell form's event creation and live price cap, the event page
// with its listings cheapest first, the event's time in its own zone whatever the
// viewer's zone (on the server render and after hydration), search and the event page without
// JavaScript, and withdrawing a listing.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  attachTickets,
  BASE_URL,
  describeNewEvent,
  launchBrowser,
  newPerson,
  person,
  signUp,
  unique,
} from "./support.mjs";

let browser;
const browserReady = () => {
  browser ??= launchBrowser();
  return browser;
};
after(async () => {
  if (browser) await (await browser).close();
});

// 20:00 on 23 May next year in Amsterdam (summer time), shown as such in Tokyo and Los Angeles
// (next year: in the future and less than 2 years ahead, the furthest an event may be).
const YEAR = new Date().getUTCFullYear() + 1;
const STARTS_AT_LOCAL = `${YEAR}-05-23T20:00`;
const SHOWN = `${["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][new Date(Date.UTC(YEAR, 4, 23)).getUTCDay()]} 23 May ${YEAR}, 20:00 CEST`;

test("a seller creates an event with the live price cap; viewers in two zones see its time in the event's zone; a listing is withdrawn", async () => {
  const name = `Paradiso Night ${unique()}`;
  const seller = await newPerson(await browserReady());
  await signUp(seller.page, person("seller"));

  await seller.page.goto("/tickets/new");
  await describeNewEvent(seller.page, {
    name,
    venue: "Paradiso",
    city: "Amsterdam",
    country: "NL",
    timeZone: "Europe/Amsterdam",
    startsAt: STARTS_AT_LOCAL,
  });
  await seller.page.locator("#sell-event-currency").fill("EUR");
  await seller.page.locator("#sell-faceValue").fill("100");
  await seller.page.getByText("Maximum €120.00 (120% of the face value)").waitFor();
  await seller.page.locator("#sell-price").fill("120.01");
  await seller.page.locator("#sell-quantity").fill("2");
  await seller.page.getByRole("button", { name: "List tickets" }).click();
  await seller.page.getByText("At most €120.00 (120% of the face value)").waitFor();
  await seller.page.locator("#sell-price").fill("120.00");
  await seller.page.getByRole("button", { name: "List tickets" }).click();
  await attachTickets(seller.page);
  await seller.page.getByTestId("event-time").filter({ hasText: SHOWN }).waitFor();

  // A cheaper one from the event page: the event is already picked.
  await seller.page.getByRole("link", { name: "Event", exact: true }).click();
  await seller.page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  const eventUrl = seller.page.url();
  await seller.page.getByRole("link", { name: "Sell a ticket for this event" }).click();
  await seller.page.getByTestId("picked-event").filter({ hasText: name }).waitFor();
  await seller.page.locator("#sell-faceValue").fill("80");
  await seller.page.locator("#sell-price").fill("75.50");
  await seller.page.locator("#sell-section").fill("Balcony");
  await seller.page.getByRole("button", { name: "List tickets" }).click();
  await attachTickets(seller.page);

  for (const timezoneId of ["Asia/Tokyo", "America/Los_Angeles"]) {
    const viewer = await newPerson(await browserReady(), undefined, timezoneId);
    const consoleErrors = [];
    viewer.page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(msg.text());
    });
    // The server's HTML, before any script runs.
    const html = await (await viewer.page.request.get(eventUrl)).text();
    assert.ok(html.includes(SHOWN), `the server render shows ${SHOWN}`);
    await viewer.page.goto(eventUrl);
    await viewer.page.waitForLoadState("networkidle");
    assert.equal(
      await viewer.page.getByTestId("event-time").first().textContent(),
      SHOWN,
      `after hydration in ${timezoneId}`,
    );
    assert.equal(
      await viewer.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
      timezoneId,
      "the browser really runs in that zone",
    );
    const prices = await viewer.page.getByTestId("listing").allTextContents();
    assert.equal(prices.length, 3);
    assert.match(prices[0], /^€75\.50/, "cheapest first, in the event's currency");
    assert.match(
      await viewer.page.getByTestId("event-availability").textContent(),
      /3 tickets available, from €75\.50/,
    );
    assert.deepEqual([...viewer.pageErrors, ...consoleErrors.filter((e) => /hydrat/i.test(e))], []);
    await viewer.context.close();
  }

  // Without JavaScript (issue 17: search and browsing work with scripts off): the streamed
  // page is shown in place of the loading state, between the header and the footer.
  const noScript = await (await browserReady()).newContext({ baseURL: BASE_URL, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto("/");
  assert.ok(await plain.getByRole("heading", { level: 1 }).isVisible(), "the home page without JavaScript");
  await plain.getByRole("searchbox", { name: "Artist, event, venue or city" }).fill(name);
  await plain.getByRole("searchbox", { name: "Artist, event, venue or city" }).press("Enter");
  await plain.waitForURL(/\/search\?q=/);
  const card = plain.getByTestId("event-card").filter({ hasText: name });
  assert.ok(await card.isVisible(), "the search result is shown without JavaScript");
  assert.equal(await plain.getByTestId("page-loading").isVisible(), false, "no endless loading state");
  const [cardBox, footerBox] = [await card.boundingBox(), await plain.locator("footer").boundingBox()];
  assert.ok(cardBox && footerBox && cardBox.y < footerBox.y, "the results sit above the footer");
  await card.getByRole("link").first().click();
  await plain.waitForURL((url) => url.href.startsWith(`${eventUrl}?back=`));
  assert.equal(await plain.getByTestId("listing").count(), 3, "the event's listings without JavaScript");
  assert.ok(await plain.getByTestId("listing").first().isVisible());
  await noScript.close();

  // Withdraw the cheapest from My listings: gone from the event page at once.
  await seller.page.goto("/tickets/mine");
  const row = seller.page.getByTestId("listing-row").filter({ hasText: "€75.50" });
  seller.page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: /^Withdraw/ }).click();
  await row.getByText("Withdrawn").waitFor();
  await seller.page.goto(eventUrl);
  assert.match(await seller.page.getByTestId("event-availability").textContent(), /2 tickets available, from €120\.00/);
  assert.deepEqual(seller.pageErrors, []);
});
