// Ticket delivery (issue 14) in the browser: a seller lists with the organiser's PDF (its
// barcode read by the service, "…last four" shown), a buyer pays and downloads both the
// original and the platform e-ticket from My tickets; the e-ticket's barcode, decoded here
// with zxing-wasm, is the seller's. Axe checks the attach step, the paid order and My tickets.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, test } from "node:test";
import { barcodesInPdf, ticketPdf } from "./barcode.mjs";
import {
  attachTickets,
  buyTicket,
  describeNewEvent,
  launchBrowser,
  newPerson,
  person,
  screenshots,
  seriousViolations,
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

/** Clicks a download link and answers the downloaded bytes and the suggested file name. */
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { bytes: await readFile(await file.path()), name: file.suggestedFilename() };
}

test("a seller lists with a PDF; the paying buyer downloads the original and the e-ticket from My tickets, same barcode", async () => {
  const problems = [];
  const check = async (page, name) => {
    for (const v of await seriousViolations(page)) problems.push(`${name}: ${v}`);
    await screenshots(page, name);
  };
  const title = `Delivery Night ${unique()}`;
  const barcode = `E2E-${unique().toUpperCase()}-${unique().toUpperCase()}`;
  const sellerWho = person("seller");
  const original = await ticketPdf({ title, barcode, holder: sellerWho.name });

  const seller = await newPerson(await browserReady());
  await signUp(seller.page, sellerWho);
  await seller.page.goto("/tickets/new");
  await describeNewEvent(seller.page, { name: title, venue: "Paradiso", timeZone: "Europe/Amsterdam" });
  await seller.page.locator("#sell-faceValue").fill("50");
  await seller.page.locator("#sell-price").fill("45");
  await seller.page.getByRole("button", { name: "List tickets" }).click();
  await seller.page.waitForURL(/\/tickets\/[0-9a-f-]{36}\/attach$/);
  const ticketId = seller.page.url().split("/").at(-2);
  await check(seller.page, "attach-ticket");
  // Before the file is attached nobody else sees the listing.
  const visitor = await newPerson(await browserReady());
  await visitor.page.goto(`/tickets/${ticketId}`);
  // (The status is 200: the route's loading state streams before the not-found page.)
  await visitor.page.getByRole("heading", { name: "We could not find that page" }).waitFor();

  const tails = await attachTickets(seller.page, [
    { name: "ticket.pdf", mimeType: "application/pdf", buffer: original },
  ]);
  assert.deepEqual(tails, [barcode.slice(-4)], "the seller sees the barcode's last four characters");
  await seller.page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
  // The seller's ticket page says which ticket is attached, by its last four characters only.
  await seller.page
    .getByTestId("seller-delivery")
    .filter({ hasText: `…${barcode.slice(-4)}` })
    .waitFor();

  const buyerWho = person("buyer");
  const buyer = await newPerson(await browserReady());
  await signUp(buyer.page, buyerWho);
  const orderId = await buyTicket(buyer.page, ticketId);
  const popupOpened = buyer.page.waitForEvent("popup");
  await buyer.page.getByRole("button", { name: "Pay with PayPal (sandbox emulator)" }).click();
  const popup = await popupOpened;
  await popup.getByRole("button", { name: "Approve" }).click();
  await buyer.page.getByText("Payment complete").waitFor({ timeout: 45_000 });
  // The complete order: the ticket, its order number, when and where, the seller, and the downloads.
  const facts = await buyer.page.getByTestId("ticket-facts").textContent();
  assert.match(facts, new RegExp(`Order number${orderId}`));
  assert.match(facts, /WhereParadiso/);
  assert.match(facts, new RegExp(`Seller${sellerWho.name}`));
  await buyer.page.getByTestId("ticket-downloads").waitFor();
  await check(buyer.page, "order-complete-delivery");

  // My tickets, from the header.
  await buyer.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My tickets" }).click();
  await buyer.page.waitForURL(/\/tickets\/purchased$/);
  const row = buyer.page
    .getByRole("region", { name: "Upcoming" })
    .getByTestId("purchased-ticket")
    .filter({ hasText: title });
  await row.waitFor();
  await check(buyer.page, "my-tickets");

  const file = await download(buyer.page, row.getByRole("link", { name: /^Original ticket for/ }));
  assert.equal(Buffer.compare(file.bytes, original), 0, "the original is the seller's file, byte for byte");
  assert.match(file.name, /\.pdf$/);

  const eticket = await download(buyer.page, row.getByRole("link", { name: /^E-ticket \(PDF\) for/ }));
  assert.equal(eticket.bytes.subarray(0, 5).toString("latin1"), "%PDF-");
  assert.deepEqual(await barcodesInPdf(eticket.bytes), [barcode], "the e-ticket's barcode is the seller's");

  const calendar = await download(buyer.page, row.getByRole("link", { name: /^Add to calendar/ }));
  assert.match(calendar.bytes.toString("utf8"), /BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z/);

  // The ticket page tells its buyer, not "sold".
  await buyer.page.goto(`/tickets/${ticketId}`);
  await buyer.page.getByText("You bought this ticket").waitFor();
  assert.equal(await buyer.page.getByText("This ticket has been sold.").count(), 0);

  assert.deepEqual([...seller.pageErrors, ...buyer.pageErrors], []);
  assert.deepEqual(problems, [], "serious or critical axe violations");
});
