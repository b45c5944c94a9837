// Issue 12 against the running system (findings 5, 7 and 8): the headers pages and API
// answers carry, bad paths and return values answered without a 5xx, no open redirect after
// sign-in, and no cross-site form that signs a user out.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { BASE_URL, launchBrowser, newPerson, person, signUp } from "./support.mjs";

let browser;
after(async () => {
  if (browser) await (await browser).close();
});

test("pages send CSP (no framing), nosniff, Referrer-Policy and HSTS; API answers are no-store", async () => {
  const page = await fetch(`${BASE_URL}/`);
  assert.equal(page.status, 200);
  const csp = page.headers.get("content-security-policy") ?? "";
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src [^;]*'nonce-[^']+'/);
  assert.match(csp, /script-src [^;]*https:\/\/\*\.paypal\.com/);
  assert.equal(page.headers.get("x-content-type-options"), "nosniff");
  assert.equal(page.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  assert.match(page.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
  const api = await fetch(`${BASE_URL}/api/users/currentuser`);
  assert.equal(api.headers.get("cache-control"), "no-store");
});

test("malformed paths and return values get a 4xx or a safe page, never a 5xx", async () => {
  for (const path of ["/tickets/%ZZ", "/orders/%ZZ", "/api/tickets/%ZZ", "/api/orders/%ZZ"]) {
    const res = await fetch(`${BASE_URL}${path}`, { redirect: "manual" });
    assert.equal(res.status, 400, path);
  }
  for (const path of ["/auth/signin?next=/%0a/x", "/auth/signup?next=/%09/evil.example/x", "/api/tickets?q=a%00b"]) {
    const res = await fetch(`${BASE_URL}${path}`, { redirect: "manual" });
    assert.ok(res.status < 500, `${path}: ${res.status}`);
  }
});

test("a signed-in user sent to sign-in with next=/%09/evil.example stays on this site", async () => {
  browser ??= launchBrowser();
  const { page, context } = await newPerson(await browser);
  await signUp(page, person("buyer"));
  await page.goto("/auth/signin?next=/%09/evil.example/x");
  await page.waitForLoadState("load");
  assert.equal(new URL(page.url()).origin, new URL(BASE_URL).origin);
  await context.close();
});

test("a cross-site form cannot sign a user out", async () => {
  browser ??= launchBrowser();
  const { page, context } = await newPerson(await browser);
  const who = person("buyer");
  await signUp(page, who);
  // A page of another site (an opaque origin) posting a form to our sign-out route.
  const attacker = await context.newPage();
  await attacker.setContent(
    `<form method="post" action="${BASE_URL}/api/users/signout"><button>Win a prize</button></form>`,
  );
  const [answer] = await Promise.all([attacker.waitForResponse(/\/api\/users\/signout/), attacker.click("button")]);
  assert.equal(answer.status(), 403);
  const me = await page.evaluate(async () => (await fetch("/api/users/currentuser")).json());
  assert.equal(me.currentUser?.email, who.email);
  await context.close();
});
