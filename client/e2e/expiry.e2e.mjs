// An order that is not paid in time: the page counts down, says it has expired without a
// reload, the services cancel it and the ticket becomes available again. Needs the
// system started with a short ORDER_EXPIRATION_SECONDS (90-e2e.sh uses 30).
import assert from "node:assert/strict";
import { after, test } from "node:test";
import {
  buyTicket,
  eventually,
  launchBrowser,
  listTicket,
  newPerson,
  person,
  screenshots,
  signUp,
  textOf,
  unique,
} from "./support.mjs";

let browser;

// Launched by the first test that needs it: a run filtered by name (E2E_ONLY) that skips
// every test of this file then starts nothing it would have to stop.
const browserReady = () => {
  browser ??= launchBrowser();
  return browser;
};

after(async () => {
  if (browser) await (await browser).close();
});

test("an unpaid order expires: the page says so and the ticket is released", async () => {
  const seller = await newPerson(await browserReady());
  await signUp(seller.page, person("seller"));
  const title = `Late Night Comedy ${unique()}`;
  const ticketId = await listTicket(seller.page, { title, price: "15" });

  const buyer = await newPerson(await browserReady());
  await signUp(buyer.page, person("buyer"));
  await buyTicket(buyer.page, ticketId);

  const timer = buyer.page.getByRole("timer");
  await timer.waitFor();
  const [minutes, seconds] = (await timer.textContent()).split(":").map(Number);
  const left = minutes * 60 + seconds;
  assert.ok(left > 0 && left <= 120, `a short expiry for this run (got ${left} s; set ORDER_EXPIRATION_SECONDS)`);

  // The ticket is reserved while the order is open.
  await seller.page.goto(`/tickets/${ticketId}`);
  await seller.page.getByText("Reserved", { exact: true }).waitFor();

  // No reload: the countdown reaches zero and the page says the order expired.
  await buyer.page.getByText("This order has expired").waitFor({ timeout: (left + 30) * 1000 });
  assert.equal(await buyer.page.getByRole("button", { name: /Pay with PayPal/ }).count(), 0);
  assert.equal(await buyer.page.getByRole("button", { name: "Cancel order" }).count(), 0);
  await buyer.page.getByRole("link", { name: "Back to the ticket" }).waitFor();
  await screenshots(buyer.page, "order-expired");

  // The services cancel it (expiration → orders, reason `expired`), which the page and My
  // orders show once polled, after a reload too: "Expired", not a vague "Cancelled".
  await buyer.page.getByTestId("order-status").getByText("Expired").waitFor();
  const orderUrl = buyer.page.url();
  await eventually(
    async () => {
      await buyer.page.goto("/orders");
      const row = buyer.page.getByTestId("order-row").filter({ hasText: title });
      return /Expired/.test(await textOf(row)) && /Not paid in time/.test(await textOf(row));
    },
    { what: "the order to be cancelled by the services", timeout: 60_000, interval: 1500 },
  );
  await buyer.page.goto(orderUrl);
  await buyer.page.getByText("This order has expired").waitFor();
  assert.equal(await buyer.page.getByRole("timer").count(), 0);

  // ...and release the ticket (orders → tickets).
  await buyer.page.getByRole("link", { name: "Back to the ticket" }).click();
  await buyer.page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
  await eventually(
    async () => {
      await buyer.page.reload();
      return (await buyer.page.getByRole("button", { name: "Buy this ticket" }).count()) === 1;
    },
    { what: "the ticket to be available again", timeout: 60_000, interval: 1500 },
  );

  assert.deepEqual([...seller.pageErrors, ...buyer.pageErrors], [], "no uncaught errors in the pages");
});

test("a buyer cancels an order from My orders and the ticket is released at once", async () => {
  const seller = await newPerson(await browserReady());
  await signUp(seller.page, person("seller"));
  const title = `String Quartet ${unique()}`;
  const ticketId = await listTicket(seller.page, { title, price: "30" });

  const buyer = await newPerson(await browserReady());
  await signUp(buyer.page, person("buyer"));
  await buyTicket(buyer.page, ticketId);

  await buyer.page.goto("/orders");
  const row = buyer.page.getByTestId("order-row").filter({ hasText: title });
  await row.getByText("Awaiting payment").waitFor();
  await row.getByRole("button", { name: `Cancel order for ${title}` }).click();
  await row.getByText("Cancelled", { exact: true }).waitFor();
  await row.getByText("Cancelled by you").waitFor();
  await buyer.page.getByText(`Order for “${title}” cancelled.`).waitFor();
  assert.equal(await row.getByRole("button", { name: /Cancel order/ }).count(), 0);

  await eventually(
    async () => {
      await seller.page.goto(`/tickets/${ticketId}`);
      return (await textOf(seller.page.getByTestId("ticket-status"))).trim() === "Available";
    },
    { what: "the ticket to be available again after the cancellation", timeout: 30_000, interval: 1000 },
  );
  assert.deepEqual([...seller.pageErrors, ...buyer.pageErrors], [], "no uncaught errors in the pages");
});
