import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { mailCatalogue } from "../../src/domain/mail-catalogue";
import { renderMail } from "../../src/mail/render";

const site = { productName: "Ticketing", publicUrl: "https://tickets.example.test" };
const client = path.join(__dirname, "../../../client/src/app");

describe("mail templates", () => {
  it("the committed HTML layout is what the MJML source compiles to (npm run templates)", () => {
    const script = path.join(__dirname, "../../scripts/compile-templates.mjs");
    // Throws (with the script's message) when the file is out of date.
    execFileSync(process.execPath, [script, "--check"], { stdio: "pipe" });
  });

  it("escapes what users typed in the HTML part (a ticket title is theirs)", () => {
    const mail = renderMail(
      mailCatalogue["ticket-sold"](site, {
        name: "Sam",
        title: '<img src=x onerror="alert(1)">',
        price: "1.00 USD",
        fee: "0.05 USD",
        due: "0.95 USD",
        payoutDate: null,
      }),
      site,
    );
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img src");
    expect(mail.text).toContain('<img src=x onerror="alert(1)">');
  });

  it("every mail's link opens a page the client has", () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const params = {
      name: "A",
      token: "t",
      how: "changed",
      orderId: id,
      ticketId: id,
      eventId: id,
      claimId: id,
      paypalEmail: "a@b.example",
      previousPaypalEmail: null,
      sales: 1,
      amountDue: "1",
      reason: "r",
      refund: "1",
      refunded: true,
      fee: "1",
      due: "1",
      payoutDate: null,
      title: "T",
      price: "1",
      amount: "1",
    };
    for (const [kind, make] of Object.entries(mailCatalogue)) {
      const content = (make as (s: typeof site, p: unknown) => { action: { url: string } })(site, {
        ...params,
        expired: false,
        minutesLeft: 3,
      });
      const route = new URL(content.action.url).pathname.replace(id, "[id]");
      const page = path.join(client, route, "page.tsx");
      expect({ kind, exists: fs.existsSync(page) }).toEqual({ kind, exists: true });
    }
  });
});
