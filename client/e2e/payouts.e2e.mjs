// Fees and payouts against the whole running system (issue 15): the seller sees "you
// receive" while listing and sets a payout account; the buyer sees price + service fee =
// total on the ticket and order pages before paying, pays, and gets a receipt; once the
// event has taken place the seller's Sales & payouts page shows the sale paid.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import pg from "pg";
import {
  attachTickets,
  buyTicket,
  describeNewEvent,
  eventually,
  launchBrowser,
  newPerson,
  person,
  screenshots,
  seriousViolations,
  signUp,
  unique,
} from "./support.mjs";

const PAYMENTS_DB = process.env.E2E_PAYMENTS_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/ticketing_payments";

let browser;
after(async () => {
  if (browser) await (await browser).close();
});

/**
 * The event takes place: the sale becomes payable now, as it would PAYOUT_DELAY after a
 * start in the past (a browser cannot buy a ticket for an event that has started, and the
 * test should not wait for a real one).
 */
async function eventHasTakenPlace(orderId) {
  const client = new pg.Client({ connectionString: PAYMENTS_DB });
  await client.connect();
  try {
    const { rowCount } = await client.query("update sales set payable_at = now() where order_id = $1", [orderId]);
    assert.equal(rowCount, 1, "the payment became a sale");
  } finally {
    await client.end();
  }
}

test("a buyer sees the fee before paying; a seller with a payout account sees the sale paid after the event", async () => {
  browser ??= launchBrowser();
  const title = `Payout night ${unique()}`;

  // The seller lists at 20.00 and sees what they will receive (5 % seller fee).
  const seller = await newPerson(await browser);
  await signUp(seller.page, person("seller"));
  await seller.page.goto("/tickets/new");
  await describeNewEvent(seller.page, { name: title });
  await seller.page.locator("#sell-faceValue").fill("20.00");
  await seller.page.locator("#sell-price").fill("20.00");
  await eventually(
    async () => /You receive\s*\$19\.00/.test(await seller.page.getByTestId("you-receive").textContent()),
    {
      what: "the sell form's 'you receive'",
    },
  );
  await seller.page.getByRole("button", { name: "List tickets" }).click();
  await attachTickets(seller.page);
  const ticketId = seller.page.url().split("/").pop();

  // Where to be paid.
  await seller.page.goto("/settings/payouts");
  await seller.page.getByLabel(/PayPal e-mail address/).fill(`payee-${unique()}@example.com`);
  await seller.page.getByRole("button", { name: "Save payout account" }).click();
  await seller.page.getByText(/Your sales are paid to the PayPal account payee-/).waitFor();
  assert.deepEqual(await seriousViolations(seller.page), []);
  await screenshots(seller.page, "payout-account");

  // The buyer sees the service fee and the total on the ticket page, then on the order page.
  const buyer = await newPerson(await browser);
  await signUp(buyer.page, person("buyer"));
  await buyer.page.goto(`/tickets/${ticketId}`);
  const onTicket = buyer.page.getByTestId("price-breakdown");
  await onTicket.waitFor();
  // 20.00 + 10 % + 0.99 = 22.99
  assert.match(await onTicket.textContent(), /Service fee\s*\$2\.99\s*Total\s*\$22\.99/);
  assert.deepEqual(await seriousViolations(buyer.page), []);
  const orderId = await buyTicket(buyer.page, ticketId);
  const onOrder = buyer.page.getByTestId("price-breakdown");
  await eventually(
    async () => {
      if (await onOrder.isVisible()) return true;
      await buyer.page.reload(); // payments learns of the order a moment after it is placed
      return false;
    },
    { what: "the order page's price breakdown" },
  );
  assert.match(await onOrder.textContent(), /Total\s*\$22\.99/);
  await screenshots(buyer.page, "order-with-fee");
  const popupOpened = buyer.page.waitForEvent("popup");
  await buyer.page.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }).click();
  const popup = await popupOpened;
  // PayPal's page asks for exactly the total shown.
  await popup.getByText("22.99 USD").waitFor();
  await popup.getByRole("button", { name: "Approve" }).click();
  await buyer.page.getByText("Payment complete").waitFor({ timeout: 45_000 });

  // The receipt: price, fee, total and PayPal's references.
  await buyer.page.goto(`/orders/${orderId}/receipt`);
  const receipt = buyer.page.getByTestId("receipt");
  await receipt.waitFor();
  assert.match(await receipt.textContent(), /Ticket price\s*\$20\.00\s*Service fee\s*\$2\.99\s*Total paid\s*\$22\.99/);
  assert.deepEqual(await seriousViolations(buyer.page), []);
  await screenshots(buyer.page, "receipt");

  // Before the event: held. After it: paid (the payout job runs every second in this system).
  await seller.page.goto("/sales");
  await seller.page
    .getByTestId("sale-status")
    .getByText(/^Held until/)
    .waitFor();
  await eventHasTakenPlace(orderId);
  await eventually(
    async () => {
      await seller.page.reload();
      return (await seller.page.getByTestId("sale-status").first().textContent()) === "Paid";
    },
    { what: "the sale to show as paid", timeout: 60_000 },
  );
  assert.match(await seller.page.getByTestId("sale").first().textContent(), /You receive\s*\$19\.00/);
  assert.deepEqual(await seriousViolations(seller.page), []);
  await screenshots(seller.page, "sales-paid");

  for (const p of [seller, buyer]) assert.deepEqual(p.pageErrors, []);
});
