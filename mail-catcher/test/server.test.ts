import nodemailer from "nodemailer";
import { type CaughtMessage, type MailCatcher, startMailCatcher } from "../src/server";

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ rejectRecipients: /^bounce[+@]/ });
});
afterAll(() => catcher.stop());

const transport = () => nodemailer.createTransport(`smtp://127.0.0.1:${catcher.smtpPort}`);
const api = async (path: string, init?: RequestInit) => fetch(`${catcher.url}${path}`, init);

describe("mail catcher", () => {
  it("keeps what it receives over SMTP and shows it in its JSON API and inbox page", async () => {
    await transport().sendMail({
      from: "Shop <shop@example.test>",
      to: "ada@example.test",
      subject: "Hello <there>",
      text: "plain part",
      html: "<p>html part</p>",
      headers: { "List-Unsubscribe": "<https://example.test/u>" },
    });
    const messages = (await (await api("/api/messages?to=ada@example.test")).json()) as CaughtMessage[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      envelope: { from: "shop@example.test", to: ["ada@example.test"] },
      subject: "Hello <there>",
      text: "plain part",
      html: "<p>html part</p>",
      headers: { "list-unsubscribe": "<https://example.test/u>" },
    });
    const page = await (await api("/")).text();
    expect(page).toContain("Hello &lt;there&gt;");
    const one = await (await api(`/messages/${messages[0]!.id}`)).text();
    expect(one).toContain("plain part");
  });

  it("refuses configured recipients with a permanent 550, as a real server bounces an unknown mailbox", async () => {
    await expect(
      transport().sendMail({ from: "shop@example.test", to: "bounce+1@example.test", subject: "x", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 550, code: "EENVELOPE" });
    expect(await (await api("/api/messages?to=bounce+1@example.test")).json()).toEqual([]);
  });

  it("empties the inbox on DELETE", async () => {
    await api("/api/messages", { method: "DELETE" });
    expect(await (await api("/api/messages")).json()).toEqual([]);
  });
});
