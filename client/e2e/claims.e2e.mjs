// Buyer protection against the whole running system (issue 15): a buyer pays, opens a claim
// on the order page, an administrator (ADMIN_EMAILS, address verified by its mail) refunds
// it in full from the admin page, and the buyer sees the refund on the order.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  buyTicket,
  launchBrowser,
  listTicket,
  mailedLink,
  newPerson,
  person,
  screenshots,
  seriousViolations,
  signUp,
  unique,
} from "./support.mjs";

/** 90-e2e.sh starts the system with ADMIN_EMAILS set to this run's address. */
const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL;

let browser;
after(async () => {
  if (browser) await (await browser).close();
});

test("an admin resolves a claim: the buyer opens it, the admin refunds in full, the buyer sees the refund", async () => {
  assert.ok(ADMIN_EMAIL, "E2E_ADMIN_EMAIL is set by scripts/test.d/90-e2e.sh");
  browser ??= launchBrowser();
  const title = `Claim night ${unique()}`;

  const seller = await newPerson(await browser);
  await signUp(seller.page, person("seller"));
  const ticketId = await listTicket(seller.page, { title, price: "30.00" });

  const buyer = await newPerson(await browser);
  await signUp(buyer.page, person("buyer"));
  const orderId = await buyTicket(buyer.page, ticketId);
  const popupOpened = buyer.page.waitForEvent("popup");
  await buyer.page.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }).click();
  await (await popupOpened).getByRole("button", { name: "Approve" }).click();
  await buyer.page.getByText("Payment complete").waitFor({ timeout: 45_000 });

  // The paid order offers buyer protection; the buyer reports that the ticket did not work.
  await buyer.page.reload();
  await buyer.page.getByRole("link", { name: "buyer protection" }).waitFor();
  await buyer.page.getByRole("button", { name: "Report a problem" }).click();
  await buyer.page.getByLabel("The ticket did not work at the door").check();
  await buyer.page.getByLabel("What happened?").fill("The scanner said the ticket was already used.");
  await buyer.page.getByRole("button", { name: "Send claim" }).click();
  await buyer.page.getByText("Claim open").waitFor();
  assert.deepEqual(await seriousViolations(buyer.page), []);
  await screenshots(buyer.page, "claim-open");

  // The administrator: an ADMIN_EMAILS address, verified through the mailed link.
  const admin = await newPerson(await browser);
  const adminPerson = { ...person("buyer"), name: "Ada Admin", email: ADMIN_EMAIL };
  await signUp(admin.page, adminPerson);
  await admin.page.goto(await mailedLink(ADMIN_EMAIL, "/auth/verify-email"));
  await admin.page.getByRole("button", { name: "Verify my address" }).click();
  await admin.page.getByText("Your e-mail address is verified.").waitFor();

  await admin.page.goto("/admin/claims");
  await admin.page.getByRole("heading", { level: 1, name: "Open claims" }).waitFor();
  const card = admin.page.getByRole("article").filter({ hasText: orderId });
  await card.waitFor();
  assert.deepEqual(await seriousViolations(admin.page), []);
  await screenshots(admin.page, "admin-claims");
  await card.getByLabel("Note to both sides (optional)").fill("The ticket had been used before the event.");
  await card.getByRole("button", { name: "Refund the buyer in full" }).click();
  await card.getByText("The buyer was refunded").waitFor();

  // The buyer sees the outcome: the ticket price and the service fee went back.
  await buyer.page.reload();
  await buyer.page.getByText("You were refunded").waitFor();
  assert.match(
    await buyer.page
      .getByText(/the ticket price and the service fee/)
      .first()
      .textContent(),
    /went back to your PayPal account/,
  );
  await screenshots(buyer.page, "claim-refunded");

  // Someone who is not an administrator finds no admin page.
  await seller.page.goto("/admin/claims");
  await seller.page.getByRole("heading", { level: 1, name: "We could not find that page" }).waitFor();

  for (const p of [seller, buyer, admin]) assert.deepEqual(p.pageErrors, []);
});
