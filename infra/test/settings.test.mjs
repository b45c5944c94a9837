// Every service and every setting an operator has to choose is wired the same way in compose
// and in each Kubernetes overlay: the fees (one value for tickets, which shows them, and
// payments, which charges them), payouts and buyer protection, PayPal's webhook, the
// administrators, mail, Cloudinary for ticket files; notifications and the mail catcher run
// in development everywhere.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import YAML from "yaml";
import { SERVICES } from "../../scripts/lib/nats-auth.mjs";
import { containerEnv, find, OVERLAYS, readText, renderOverlay, secretExamples } from "./lib/repo.mjs";

const compose = YAML.parse(readText("docker-compose.yml"), { uniqueKeys: true, merge: true });
const FEES = ["BUYER_FEE_PERCENT", "BUYER_FEE_FIXED", "SELLER_FEE_PERCENT"];
/** Variables each service must be given explicitly (a setting to choose, or an optional secret). */
const WIRED = {
  tickets: [...FEES, "CLOUDINARY_URL", "TICKET_BARCODE_KEY"],
  payments: [...FEES, "PAYOUT_DELAY", "CLAIM_WINDOW", "PAYPAL_WEBHOOK_ID"],
  auth: ["ADMIN_EMAILS", "CLOUDINARY_URL"],
  notifications: ["SMTP_URL", "MAIL_FROM"],
};
const seconds = (v) => {
  const [, n, unit] = /^(\d+)([smhd]?)$/.exec(v);
  return Number(n) * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[unit];
};
const composeDefault = (v) => String(v).replace(/^\$\{\w+:-([^}]*)\}$/, "$1");

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay.name}: settings`, () => {
    const resources = renderOverlay(overlay.name);
    const envOf = (dir) => {
      const c = find(resources, "Deployment", dir).spec.template.spec.containers[0];
      const declared = new Set([
        ...(c.envFrom ?? []).flatMap((f) => Object.keys(find(resources, "ConfigMap", f.configMapRef.name).data)),
        ...(c.env ?? []).map((e) => e.name),
      ]);
      return { declared, values: containerEnv(resources, c, secretExamples(overlay.dev)) };
    };

    it("runs every service, and in development the mail catcher notifications sends to", () => {
      for (const s of [...SERVICES, "client"]) assert.ok(find(resources, "Deployment", s), s);
      if (overlay.dev) {
        assert.ok(find(resources, "Deployment", "mail-catcher"));
        assert.match(envOf("notifications").values.SMTP_URL, /^smtp:\/\/mail-catcher:1025$/);
      }
    });

    it("gives each service the settings an operator chooses; the fees are one setting", () => {
      for (const [dir, names] of Object.entries(WIRED)) {
        const { declared } = envOf(dir);
        for (const name of names) assert.ok(declared.has(name), `${dir}: ${name}`);
      }
      const tickets = envOf("tickets").values;
      const payments = envOf("payments").values;
      for (const fee of FEES) assert.equal(tickets[fee], payments[fee], `${fee}: what is shown is charged`);
      assert.ok(seconds(payments.CLAIM_WINDOW) <= seconds(payments.PAYOUT_DELAY), "claims close before payouts");
      const optional = (dir, name) =>
        find(resources, "Deployment", dir).spec.template.spec.containers[0].env.find((e) => e.name === name)?.valueFrom
          ?.secretKeyRef?.optional;
      assert.equal(optional("tickets", "CLOUDINARY_URL"), true, "tickets: Cloudinary optional");
      assert.equal(optional("payments", "PAYPAL_WEBHOOK_ID"), true, "payments: the webhook id optional");
    });
  });
}

describe("docker-compose.yml: settings", () => {
  it("runs every service, notifications with the mail catcher, and the same settings", () => {
    for (const s of [...SERVICES, "client", "mail-catcher", "paypal-emulator", "gateway"])
      assert.ok(compose.services[s], s);
    assert.match(composeDefault(compose.services.notifications.environment.SMTP_URL), /^smtp:\/\/mail-catcher:1025$/);
    assert.ok(compose.services.notifications.depends_on["mail-catcher"]);
    for (const [dir, names] of Object.entries(WIRED)) {
      for (const name of names) assert.ok(name in compose.services[dir].environment, `${dir}: ${name}`);
    }
    const tickets = compose.services.tickets.environment;
    const payments = compose.services.payments.environment;
    for (const fee of FEES) assert.equal(tickets[fee], payments[fee], fee);
    assert.ok(seconds(composeDefault(payments.CLAIM_WINDOW)) <= seconds(composeDefault(payments.PAYOUT_DELAY)));
  });
});
