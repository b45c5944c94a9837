// The core journey against the whole running system: a seller lists a ticket, a buyer
// finds it by search, buys it and pays through the PayPal emulator, the order completes
// and the seller sees the ticket sold. Plus an accessibility pass over the main pages.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  buyTicket,
  eventually,
  launchBrowser,
  listTicket,
  newPerson,
  PHONE,
  person,
  screenshots,
  seriousViolations,
  signUp,
  textOf,
  unique,
} from "./support.mjs";

let browser;
const people = [];

// Launched by the first test that needs it: a run filtered by name (E2E_ONLY) that skips
// every test of this file then starts nothing it would have to stop.
const browserReady = () => {
  browser ??= launchBrowser();
  return browser;
};

after(async () => {
  if (browser) await (await browser).close();
});

async function open(viewport) {
  const p = await newPerson(await browserReady(), viewport);
  people.push(p);
  return p;
}

test("a seller lists a ticket, a buyer finds it, buys it and pays with PayPal; both see the result", async () => {
  const tag = unique();
  const title = `Jazz at the Lake ${tag}`;

  const seller = await open();
  const sally = person("seller");
  await signUp(seller.page, sally);
  const ticketId = await listTicket(seller.page, {
    title,
    price: "42.50",
    description: "Two seats together, row F.",
  });
  await seller.page.getByText("Available", { exact: true }).waitFor();

  // The seller changes their mind about the price before anyone buys.
  await seller.page.getByRole("link", { name: "Edit listing" }).click();
  await seller.page.waitForURL(new RegExp(`/tickets/${ticketId}/edit$`));
  // The event is shown, not offered for editing: only the listing's own fields are.
  await seller.page.getByTestId("listing-event").getByText(title).waitFor();
  assert.equal(await seller.page.locator("#listing-price").inputValue(), "42.50");
  await seller.page.locator("#listing-price").fill("40.555");
  await seller.page.getByRole("button", { name: "Save changes" }).click();
  await seller.page.getByText("Use at most two decimals").waitFor();
  await seller.page.locator("#listing-price").fill("40");
  await seller.page.getByRole("button", { name: "Save changes" }).click();
  await seller.page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
  await seller.page.getByText("$40.00").waitFor();

  // A second person, in their own browser context, on a phone.
  const buyer = await open(PHONE);
  await signUp(buyer.page, person("buyer"));
  await buyer.page.goto("/");
  // Words in another order and case, the last one a prefix: the event search still finds it.
  await buyer.page.getByRole("searchbox", { name: "Artist, event, venue or city" }).fill(`${tag} LAKE ja`);
  await buyer.page.getByRole("searchbox", { name: "Artist, event, venue or city" }).press("Enter");
  await buyer.page.waitForURL(/\/search\?q=/);
  const card = buyer.page.getByRole("link", { name: new RegExp(title) });
  await card.waitFor();
  assert.equal(await buyer.page.getByTestId("event-card").count(), 1, "the search finds exactly the new event");
  assert.match(await card.textContent(), /from \$40\.00/);
  await card.click();
  await buyer.page.waitForURL(/\/events\/[0-9a-f-]{36}\?back=/);
  // The breadcrumb goes back to the same results.
  assert.match(
    await buyer.page.getByRole("link", { name: "Search results" }).getAttribute("href"),
    new RegExp(`^/search\\?q=${tag}`),
  );
  await buyer.page.getByTestId("listing").first().getByRole("link", { name: "View" }).click();
  await buyer.page.waitForURL(new RegExp(`/tickets/${ticketId}$`));

  const orderId = await buyTicket(buyer.page, ticketId);
  const timer = buyer.page.getByRole("timer");
  await timer.waitFor();
  assert.match(await timer.textContent(), /^\d+:\d{2}$/);
  await screenshots(buyer.page, "order-awaiting-payment");

  // Pay: the emulator's approval page opens in a popup, the buyer approves there.
  const popupOpened = buyer.page.waitForEvent("popup");
  await buyer.page.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }).click();
  const popup = await popupOpened;
  await popup.getByRole("button", { name: "Approve" }).click();

  // Captured, then completed by the orders service: the page shows it without a reload.
  await buyer.page.getByText("Payment complete").waitFor({ timeout: 45_000 });
  assert.equal((await textOf(buyer.page.getByTestId("order-status"))).trim(), "Paid");
  await screenshots(buyer.page, "order-paid");

  await buyer.page.goto("/orders");
  const row = buyer.page.getByTestId("order-row").filter({ hasText: title });
  await row.waitFor();
  assert.match(await row.textContent(), /Paid/);
  assert.equal(await row.getByRole("button", { name: /Cancel order/ }).count(), 0);
  await screenshots(buyer.page, "my-orders");

  // The seller's listings show it sold once the tickets service has heard of the payment.
  await eventually(
    async () => {
      await seller.page.goto("/tickets/mine");
      const listing = seller.page.getByTestId("listing-row").filter({ hasText: title });
      return /Sold/.test(await textOf(listing));
    },
    { what: `"${title}" to show as sold in the seller's listings`, timeout: 45_000, interval: 1000 },
  );
  await screenshots(seller.page, "my-listings");

  // Nobody can buy it any more: the ticket page tells its buyer it is theirs, anyone else that it is sold.
  await buyer.page.goto(`/tickets/${ticketId}`);
  await buyer.page.getByText("You bought this ticket").waitFor();
  assert.equal(await buyer.page.getByRole("button", { name: "Buy this ticket" }).count(), 0);
  const other = await open();
  await signUp(other.page, person("buyer"));
  await other.page.goto(`/tickets/${ticketId}`);
  await other.page.getByText("This ticket has been sold.").waitFor();
  assert.equal(await other.page.getByRole("button", { name: "Buy this ticket" }).count(), 0);
  assert.ok(orderId);

  assert.deepEqual([...seller.pageErrors, ...buyer.pageErrors], [], "no uncaught errors in the pages");
});

test("the main pages have no serious or critical accessibility violations (axe), at phone and desktop widths", async () => {
  const problems = [];
  const check = async (page, name) => {
    for (const size of [PHONE, { width: 1280, height: 900 }]) {
      await page.setViewportSize(size);
      for (const line of await seriousViolations(page)) problems.push(`${name} @${size.width}px: ${line}`);
    }
    await screenshots(page, name);
  };

  const visitor = await open();
  await visitor.page.goto("/");
  await check(visitor.page, "browse");
  await visitor.page.goto("/auth/signin");
  await check(visitor.page, "sign-in");
  await visitor.page.goto("/auth/signup");
  await check(visitor.page, "sign-up");
  await visitor.page.goto("/no-such-page");
  await visitor.page.getByRole("heading", { name: "We could not find that page" }).waitFor();
  await check(visitor.page, "not-found");

  const seller = await open();
  await signUp(seller.page, person("seller"));
  await seller.page.goto("/tickets/new");
  await check(seller.page, "sell");
  // The form's inline errors must be accessible too.
  await seller.page.getByRole("button", { name: "List tickets" }).click();
  await seller.page.getByText("Pick the event, or create it if it is not there").waitFor();
  await check(seller.page, "sell-errors");
  const ticketId = await listTicket(seller.page, { title: `Accessible Opera ${unique()}`, price: "99" });
  await check(seller.page, "ticket-seller-view");
  await seller.page.goto("/tickets/mine");
  await check(seller.page, "my-listings-a11y");
  await seller.page.goto(`/tickets/${ticketId}/edit`);
  await seller.page.locator("#listing-price").waitFor();
  await check(seller.page, "edit");
  await seller.page.goto("/settings");
  await check(seller.page, "settings");

  const buyer = await open();
  await signUp(buyer.page, person("buyer"));
  await buyer.page.goto(`/tickets/${ticketId}`);
  await check(buyer.page, "ticket");
  await buyTicket(buyer.page, ticketId);
  await buyer.page.getByRole("timer").waitFor();
  await check(buyer.page, "order");
  await buyer.page.goto("/orders");
  await check(buyer.page, "my-orders-a11y");
  // Leave nothing reserved behind.
  await buyer.page
    .getByRole("button", { name: /^Cancel order for/ })
    .first()
    .click();
  await buyer.page.getByText(/cancelled\./).waitFor();

  assert.deepEqual(problems, [], "serious or critical axe violations");
});

test("an account: profile and photo, password change, sign out, and sign in back to the page asked for", async () => {
  const { page, pageErrors } = await open();
  const who = person("buyer");
  await signUp(page, who);

  await page.goto("/settings");
  await page.locator("#profile-jobTitle").fill("Drummer");
  await page.locator("#profile-phone").fill("+44 20 7946 0958");
  // A real 1×1 PNG: the auth service decides the type from the bytes.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
    "base64",
  );
  await page.locator("#profile-photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  await page.getByRole("img", { name: "Preview of your new photo" }).waitFor();
  await page.getByRole("button", { name: "Save profile" }).click();
  await page.getByText("Your profile is saved.").waitFor();
  // The header shows the new photo once the page data is refreshed.
  await eventually(async () => (await page.locator('[data-testid="account-menu"] img').count()) === 1, {
    what: "the header to show the uploaded photo",
    timeout: 15_000,
  });
  await page.reload();
  assert.equal(await page.locator("#profile-jobTitle").inputValue(), "Drummer");
  assert.equal(await page.locator("#profile-phone").inputValue(), "+44 20 7946 0958");

  const newPassword = `${who.password}-new`;
  await page.locator("#password-currentPassword").fill(who.password);
  await page.locator("#password-newPassword").fill(newPassword);
  await page.locator("#password-newPasswordConfirm").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.getByText(/Password changed/).waitFor();
  // This session stays signed in.
  await page.goto("/orders");
  await page.getByRole("heading", { name: "My orders" }).waitFor();

  await page.getByTestId("account-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.getByRole("link", { name: "Sign in" }).waitFor();

  await page.goto("/orders");
  await page.waitForURL(/\/auth\/signin\?next=%2Forders$/);
  await page.locator("#signin-email").fill(who.email);
  await page.locator("#signin-password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("alert").filter({ hasText: "Invalid credentials" }).waitFor();
  await page.locator("#signin-password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/orders$/);
  await page.getByRole("heading", { name: "My orders" }).waitFor();
  assert.deepEqual(pageErrors, [], "no uncaught errors in the pages");
});
