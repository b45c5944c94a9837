// Issue 17 in the browser: axe with no violations at all (every impact) on the pages and
// states this issue changed, at 1366 and 390 px; the header on one line at 320 px; a visible
// focus ring; focus on the new page's heading after moving; the search past its last page;
// a seller's trust signals and "Your listing" on an event's page; why an order ended; the
// offline message. Screenshots go to test-results/screenshots/ux-*.png.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  allViolations,
  buyTicket,
  launchBrowser,
  listTicket,
  newPerson,
  person,
  signUp,
  unique,
  WIDE,
} from "./support.mjs";

let browser;
const people = [];
const browserReady = () => {
  browser ??= launchBrowser();
  return browser;
};
after(async () => {
  for (const p of people) await p.context.close().catch(() => {});
  if (browser) await (await browser).close();
});
async function open(viewport) {
  const p = await newPerson(await browserReady(), viewport);
  people.push(p);
  return p;
}

test("issue 17 pages and states: no axe violations at 1366 and 390 px; header, focus, search, trust, end reasons, offline", async () => {
  const problems = [];

  // ---- a visitor: home, search past its last page, sign-up with the strength meter
  const visitor = await open(WIDE);
  await visitor.page.goto("/");
  problems.push(...(await allViolations(visitor.page, "home", "ux")));

  // The header stays one line (56 px) at 320 px, signed out.
  await visitor.page.setViewportSize({ width: 320, height: 640 });
  const headerHeight = await visitor.page.locator("header").evaluate((h) => h.getBoundingClientRect().height);
  assert.ok(headerHeight <= 56.5, `header is ${headerHeight} px high at 320 px (wrapped)`);
  await visitor.page.setViewportSize(WIDE);

  // A visible focus ring: 3 px solid, not MUI's grey fill.
  await visitor.page.keyboard.press("Tab"); // skip link
  await visitor.page.keyboard.press("Tab");
  const ring = await visitor.page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { width: s.outlineWidth, style: s.outlineStyle, tag: document.activeElement.tagName };
  });
  assert.equal(ring.style, "solid", `focused ${ring.tag} has outline ${ring.style}`);
  assert.equal(ring.width, "3px");

  // Focus goes to the new page's heading after a client-side move.
  await visitor.page.getByRole("link", { name: "Sign up" }).click();
  await visitor.page.getByRole("heading", { level: 1 }).waitFor();
  await visitor.page.waitForFunction(() => document.activeElement?.tagName === "H1");

  await visitor.page.locator("#signup-password").fill("password");
  await visitor.page.getByText("Password strength: Too weak").waitFor();
  problems.push(...(await allViolations(visitor.page, "signup-weak-password", "ux")));
  await visitor.page.getByRole("button", { name: "Create account" }).click();
  await visitor.page
    .getByText(/Too easy to guess/)
    .first()
    .waitFor();
  problems.push(...(await allViolations(visitor.page, "signup-errors", "ux")));

  await visitor.page.goto("/search?page=400");
  await visitor.page
    .getByTestId("past-last-page")
    .or(visitor.page.getByText("No events with tickets match this search"))
    .waitFor();
  problems.push(...(await allViolations(visitor.page, "search-past-last-page", "ux")));

  // ---- a seller lists a ticket; on the event's page it is marked as theirs
  const seller = await open(WIDE);
  const sellerWho = person("seller");
  await signUp(seller.page, sellerWho);
  // The header stays one line at 320 px signed in too.
  await seller.page.setViewportSize({ width: 320, height: 640 });
  const signedInHeader = await seller.page.locator("header").evaluate((h) => h.getBoundingClientRect().height);
  assert.ok(signedInHeader <= 56.5, `signed-in header is ${signedInHeader} px high at 320 px`);
  await seller.page.setViewportSize(WIDE);
  const title = `UX Night ${unique()}`;
  const ticketId = await listTicket(seller.page, { title, price: "40" });
  await seller.page.goto("/settings");
  problems.push(...(await allViolations(seller.page, "settings", "ux")));
  await seller.page.locator("#password-newPassword").fill("qwerty123");
  await seller.page.getByText("Password strength: Too weak").waitFor();
  problems.push(...(await allViolations(seller.page, "settings-weak-password", "ux")));

  // ---- a buyer: the event page with the seller's trust signals, an order cancelled, My orders
  const buyer = await open(WIDE);
  await signUp(buyer.page, person("buyer"));
  const { ticket } = await (await buyer.page.request.get(`/api/tickets/${ticketId}`)).json();
  const eventHref = `/events/${ticket.eventId}`;
  await buyer.page.goto(eventHref);
  const listing = buyer.page.getByTestId("listing").first();
  await listing.getByTestId("seller").getByText(`Sold by ${sellerWho.name}`).waitFor();
  problems.push(...(await allViolations(buyer.page, "event-with-seller", "ux")));

  await seller.page.goto(eventHref);
  await seller.page.getByTestId("own-listing").waitFor();
  problems.push(...(await allViolations(seller.page, "event-own-listing", "ux")));

  await buyTicket(buyer.page, ticketId);
  await buyer.page.getByRole("timer").waitFor();
  await buyer.page.getByRole("button", { name: "Cancel order" }).click();
  await buyer.page.getByText("You cancelled this order").waitFor();
  await buyer.page.waitForFunction(() => document.activeElement?.tagName === "H1");
  problems.push(...(await allViolations(buyer.page, "order-cancelled", "ux")));
  await buyer.page.reload();
  await buyer.page.getByText("You cancelled this order").waitFor();
  await buyer.page.goto("/orders");
  await buyer.page.getByTestId("end-reason").getByText("Cancelled by you").first().waitFor();
  problems.push(...(await allViolations(buyer.page, "my-orders-end-reasons", "ux")));

  // ---- offline: a click stays in the app with a message
  await buyer.context.setOffline(true);
  await buyer.page.getByTestId("offline-banner").waitFor();
  await buyer.page
    .getByRole("link", { name: /Browse tickets|Browse/ })
    .first()
    .click();
  await buyer.page.getByText("You are offline, so that page cannot be opened.").waitFor();
  assert.match(buyer.page.url(), /\/orders$/);
  problems.push(...(await allViolations(buyer.page, "offline", "ux")));
  await buyer.context.setOffline(false);

  assert.deepEqual(problems, [], "axe violations");
  assert.deepEqual([...visitor.pageErrors, ...seller.pageErrors, ...buyer.pageErrors], [], "no uncaught errors");
});
