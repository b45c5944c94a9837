// Issue 17 across the pages other issues added: axe with no violations at all (every impact,
// as ux.e2e.mjs asks of its own pages) at 1366 and 390 px, each page in a realistic state —
// the attach step, the ticket page with its seller's trust signals, a seller's payout settings and sales, a paid order with its downloads,
// My tickets, the receipt, a buyer's claims and one claim, buyer protection, and the
// administrator's open claims. Screenshots go to test-results/screenshots/axe-*.png.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  allViolations,
  attachTickets,
  buyTicket,
  describeNewEvent,
  launchBrowser,
  mailedLink,
  newPerson,
  person,
  signUp,
  unique,
  WIDE,
} from "./support.mjs";

/** 90-e2e.sh lists this run's second administrator in ADMIN_EMAILS (claims.e2e.mjs signs up the first). */
const ADMIN_EMAIL = process.env.E2E_AXE_ADMIN_EMAIL;

let browser;
const people = [];
after(async () => {
  for (const p of people) await p.context.close().catch(() => {});
  if (browser) await (await browser).close();
});
async function open() {
  browser ??= launchBrowser();
  const p = await newPerson(await browser, WIDE);
  people.push(p);
  return p;
}

test("issue 17 on the other issues' pages: no axe violations at 1366 and 390 px (attach, ticket with its seller, payouts, sales, paid order, my tickets, receipt, claims, admin)", async () => {
  assert.ok(ADMIN_EMAIL, "E2E_AXE_ADMIN_EMAIL is set by scripts/test.d/90-e2e.sh");
  const problems = [];
  const title = `Axe night ${unique()}`;

  // ---- a seller: the attach step, then the listing with its file; payout settings
  const seller = await open();
  await signUp(seller.page, person("seller"));
  await seller.page.goto("/tickets/new");
  await describeNewEvent(seller.page, { name: title });
  await seller.page.locator("#sell-faceValue").fill("30.00");
  await seller.page.locator("#sell-price").fill("30.00");
  await seller.page.getByRole("button", { name: "List tickets" }).click();
  await seller.page.waitForURL(/\/tickets\/[0-9a-f-]{36}\/attach$/);
  const ticketId = seller.page.url().split("/").at(-2);
  await seller.page.getByLabel(/Ticket file/).waitFor();
  problems.push(...(await allViolations(seller.page, "attach", "axe")));
  await attachTickets(seller.page);

  await seller.page.goto("/settings/payouts");
  await seller.page.getByLabel(/PayPal e-mail address/).fill(`payee-${unique()}@example.com`);
  await seller.page.getByRole("button", { name: "Save payout account" }).click();
  await seller.page.getByText(/Your sales are paid to the PayPal account payee-/).waitFor();
  problems.push(...(await allViolations(seller.page, "payout-settings", "axe")));

  // ---- a buyer who paid: the order with its downloads, My tickets, the receipt
  const buyer = await open();
  await signUp(buyer.page, person("buyer"));
  // The ticket page shows who sells it, with the event page's trust signals.
  await buyer.page.goto(`/tickets/${ticketId}`);
  const sellerLine = buyer.page.getByTestId("seller");
  await sellerLine.waitFor();
  assert.match(await sellerLine.textContent(), /Sold by Sally Seller.*Member since \w+ \d{4} · 0 tickets sold/);
  problems.push(...(await allViolations(buyer.page, "ticket", "axe")));
  const orderId = await buyTicket(buyer.page, ticketId);
  const popupOpened = buyer.page.waitForEvent("popup");
  await buyer.page.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }).click();
  await (await popupOpened).getByRole("button", { name: "Approve" }).click();
  await buyer.page.getByText("Payment complete").waitFor({ timeout: 45_000 });
  await buyer.page.reload();
  await buyer.page.getByTestId("ticket-downloads").waitFor();
  await buyer.page.getByRole("button", { name: "Report a problem" }).waitFor();
  problems.push(...(await allViolations(buyer.page, "order-paid", "axe")));

  await buyer.page.goto("/tickets/purchased");
  await buyer.page.getByTestId("purchased-ticket").filter({ hasText: title }).waitFor();
  problems.push(...(await allViolations(buyer.page, "my-tickets", "axe")));

  await buyer.page.goto(`/orders/${orderId}/receipt`);
  await buyer.page.getByTestId("receipt").waitFor();
  problems.push(...(await allViolations(buyer.page, "receipt", "axe")));

  await buyer.page.goto("/buyer-protection");
  await buyer.page.getByRole("heading", { level: 1 }).waitFor();
  problems.push(...(await allViolations(buyer.page, "buyer-protection", "axe")));

  // ---- a claim: the buyer opens it on the order page; the claims list and the claim itself
  await buyer.page.goto(`/orders/${orderId}`);
  await buyer.page.getByRole("button", { name: "Report a problem" }).click();
  await buyer.page.getByLabel("The ticket did not work at the door").check();
  await buyer.page.getByLabel("What happened?").fill("The scanner said the ticket was already used.");
  await buyer.page.getByRole("button", { name: "Send claim" }).click();
  await buyer.page.getByText("Claim open").waitFor();
  problems.push(...(await allViolations(buyer.page, "order-claim-open", "axe")));

  await buyer.page.goto("/claims");
  const claimLink = buyer.page.getByRole("main").locator('a[href^="/claims/"]').first();
  await claimLink.waitFor();
  problems.push(...(await allViolations(buyer.page, "claims", "axe")));
  await claimLink.click();
  await buyer.page.waitForURL(/\/claims\/[^/]+$/);
  await buyer.page.getByRole("heading", { level: 1 }).waitFor();
  problems.push(...(await allViolations(buyer.page, "claim", "axe")));

  // ---- the seller's sales: the sale, held until the event
  await seller.page.goto("/sales");
  await seller.page.getByTestId("sale").first().waitFor();
  problems.push(...(await allViolations(seller.page, "sales", "axe")));

  // ---- an administrator (ADMIN_EMAILS, address verified by its mail): open claims
  const admin = await open();
  await signUp(admin.page, { ...person("buyer"), name: "Axel Admin", email: ADMIN_EMAIL });
  await admin.page.goto(await mailedLink(ADMIN_EMAIL, "/auth/verify-email"));
  await admin.page.getByRole("button", { name: "Verify my address" }).click();
  await admin.page.getByText("Your e-mail address is verified.").waitFor();
  await admin.page.goto("/admin/claims");
  await admin.page.getByRole("heading", { level: 1, name: "Open claims" }).waitFor();
  await admin.page.getByRole("article").filter({ hasText: orderId }).waitFor();
  problems.push(...(await allViolations(admin.page, "admin-claims", "axe")));

  assert.deepEqual(problems, [], "axe violations");
  assert.deepEqual([...seller.pageErrors, ...buyer.pageErrors, ...admin.pageErrors], [], "no uncaught errors");
});
