// Issue 16 in a browser: forgot password → the reset mail in the mail catcher (the real SMTP
// server `npm start` runs, read through its HTTP API) → the mailed link → a new password →
// signed in; the other browser that was signed in is signed out, and the new password works.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { BASE_URL, launchBrowser, newPerson, person, signUp } from "./support.mjs";

const MAIL_URL = process.env.E2E_MAIL_URL || "http://127.0.0.1:1080";

let browser;
after(async () => {
  if (browser) await (await browser).close();
});

/** Waits for a mail to `to` whose subject matches, through the catcher's API (no sleeps: polls until found). */
async function mailTo(to, subject, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`);
    const found = (await res.json()).find((m) => subject.test(m.subject));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${to} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("forgot password: the mailed link sets a new password and signs in; the old password and session stop working", async () => {
  browser ??= launchBrowser();
  const who = person("buyer");
  const before = await newPerson(await browser);
  await signUp(before.page, who);

  const { page, context, pageErrors } = await newPerson(await browser);
  await page.goto("/auth/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.locator("#forgot-email").fill(who.email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  // The form gives way to the same answer for any address.
  await page.getByRole("form", { name: "Forgot password" }).waitFor({ state: "detached" });
  await page.getByRole("alert").first().waitFor();

  const mail = await mailTo(who.email, /^Reset your .* password$/);
  const link = mail.text.match(/https?:\/\/\S+\/auth\/reset-password\?token=\S+/)?.[0];
  assert.ok(link, `no reset link in:\n${mail.text}`);
  // The link is on the site's public address (PUBLIC_URL): open its path on the system under test.
  const { pathname, search } = new URL(link);
  await page.goto(`${pathname}${search}`);
  const newPassword = `${who.password}-new`;
  await page.locator("#reset-password").fill(newPassword);
  await page.locator("#reset-password-confirm").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await page.getByTestId("account-menu").getByText(who.name).first().waitFor({ state: "attached" });

  // The browser signed in before the reset is signed out; the new password signs in, the old one does not.
  const old = await before.page.evaluate(async () => (await fetch("/api/users/currentuser")).json());
  assert.equal(old.currentUser, null);
  const signIn = (password) =>
    fetch(`${BASE_URL}/api/users/signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: who.email, password }),
    });
  assert.equal((await signIn(who.password)).status, 400);
  assert.equal((await signIn(newPassword)).status, 200);

  // The "your password was reset" notice followed.
  await mailTo(who.email, /password was reset$/);
  assert.deepEqual(pageErrors, []);
  await context.close();
  await before.context.close();
});
