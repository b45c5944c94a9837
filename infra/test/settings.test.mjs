// Every service and every setting an operator has to choose is wired the same way in compose
// and in each Kubernetes overlay: the fees (one value for tickets, which shows them, and
// payments, which charges them), payouts and buyer protection, PayPal's webhook, the
// administrators, mail, Cloudinary for ticket files; notifications and the mail catcher run
// in development everywhere.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import YAML from "yaml";
import { SERVICES } from "../../scripts/lib/nats-auth.mjs";
import { containerEnv, find, OVERLAYS, readText, renderOverlay, secretExamples, workloads } from "./lib/repo.mjs";

const compose = YAML.parse(readText("docker-compose.yml"), { uniqueKeys: true, merge: true });
const FEES = ["BUYER_FEE_PERCENT", "BUYER_FEE_FIXED", "SELLER_FEE_PERCENT"];
/** Variables each service must be given explicitly (a setting to choose, or an optional secret). */
const WIRED = {
  tickets: [...FEES, "CLOUDINARY_URL", "TICKET_BARCODE_KEY"],
  payments: [...FEES, "PAYOUT_DELAY", "CLAIM_WINDOW", "PAYPAL_WEBHOOK_ID"],
  auth: ["ADMIN_EMAILS", "CLOUDINARY_URL"],
  notifications: [...FEES, "PAYOUT_DELAY", "SMTP_URL", "MAIL_FROM"],
};
/** Settings several services read: each must see the same value. */
const SHARED = {
  PAYOUT_DELAY: ["payments", "notifications"],
  SELLER_EMAIL_VERIFICATION: ["tickets", "payments", "notifications"],
  ...Object.fromEntries(FEES.map((f) => [f, ["tickets", "payments", "notifications"]])),
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
      for (const [name, readers] of Object.entries(SHARED)) {
        const values = readers.map((dir) => envOf(dir).values[name]);
        assert.ok(
          values.every((v) => v !== undefined && v === values[0]),
          `${name}: one value for ${readers}`,
        );
      }
      assert.equal(envOf("tickets").values.SELLER_EMAIL_VERIFICATION, "required", "only verified sellers");
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
    for (const [name, readers] of Object.entries(SHARED)) {
      const values = readers.map((dir) => compose.services[dir].environment[name]);
      assert.ok(
        values.every((v) => v !== undefined && v === values[0]),
        `${name}: one value for ${readers}`,
      );
    }
    assert.equal(compose.services.tickets.environment.SELLER_EMAIL_VERIFICATION, "required");
    assert.ok(seconds(composeDefault(payments.CLAIM_WINDOW)) <= seconds(composeDefault(payments.PAYOUT_DELAY)));
  });
});

describe("no working secret is committed", () => {
  const SECRET_NAME = /KEY|PASSWORD|SECRET|TOKEN|_URL$|^[a-z]+$/;
  /** A value that works nowhere: a CHANGE_ME placeholder, or (in URLs) only where the password is one. */
  const placeholder = (value) => {
    if (/^[a-z]+s?:\/\//.test(value)) {
      const { password } = new URL(value);
      return !password || password.startsWith("CHANGE_ME");
    }
    return value === "" || value.startsWith("CHANGE_ME");
  };

  it("the *.env.example files hold placeholders only (the emulator's public client id aside)", () => {
    for (const dev of [true, false]) {
      for (const [secret, values] of Object.entries(secretExamples(dev))) {
        for (const [key, value] of Object.entries(values)) {
          if (!SECRET_NAME.test(key) || (key === "PAYPAL_CLIENT_ID" && dev)) continue;
          assert.ok(placeholder(value), `${dev ? "dev" : "prod"} ${secret}.env.example: ${key} is a working value`);
        }
      }
    }
  });

  it("compose has no default for a secret: each is required (compose stops and names it) or empty", () => {
    const services = Object.entries(compose.services);
    for (const [name, service] of services) {
      const env = service.environment ?? {};
      for (const [key, value] of Object.entries(env)) {
        if (!/KEY|PASSWORD|SECRET|TOKEN|DATABASE_URL|REDIS_URL/.test(key)) continue;
        // The PayPal emulator's credentials open nothing but the emulator.
        if (/^PAYPAL_CLIENT_(ID|SECRET)$/.test(key) && /emulator-client-/.test(value)) continue;
        const defaults = [...String(value).matchAll(/\$\{(\w+)(:?[-?])([^}]*)\}/g)];
        assert.ok(defaults.length > 0, `${name}: ${key} comes from .env or the environment`);
        for (const [, variable, op, text] of defaults) {
          if (op.endsWith("?")) assert.match(text, new RegExp(variable), `${name}: the message names ${variable}`);
          else assert.equal(text, "", `${name}: ${key} has no default`);
        }
      }
    }
    const redis = compose.services.redis.command.join(" ");
    assert.match(redis, /--requirepass \$\{REDIS_PASSWORD:\?/);
  });

  it("node infra/secrets.mjs compose writes every variable compose requires, random, and keeps them", async () => {
    const { composeVariables, writeComposeSecrets } = await import("../secrets.mjs");
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "compose-secrets-"));
    try {
      const first = writeComposeSecrets(root);
      const env = fs.readFileSync(path.join(root, ".env"), "utf8");
      assert.equal(fs.statSync(path.join(root, ".env")).mode & 0o077, 0, ".env readable by its owner only");
      const second = writeComposeSecrets(root);
      assert.deepEqual(second.added, [], "a second run adds nothing");
      assert.equal(second.wroteTls, false, "and keeps the certificate");
      assert.equal(fs.readFileSync(path.join(root, ".env"), "utf8"), env, "nor changes a value");
      assert.ok(first.wroteTls && fs.existsSync(path.join(root, ".local/compose/nats-tls/ca.crt")));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
    const required = new Set([...readText("docker-compose.yml").matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]));
    const a = composeVariables();
    const b = composeVariables();
    for (const name of required) {
      assert.ok(a[name], `${name} is generated`);
      assert.notEqual(a[name], b[name], `${name} is random`);
      assert.ok(a[name].length >= 40, `${name} is long`);
    }
  });
});

describe("node infra/secrets.mjs k8s-dev / k8s-prod", () => {
  it("k8s-dev creates every Secret key and Secret volume the development overlays use, consistently", async () => {
    const { k8sDevSecrets, toYaml } = await import("../secrets.mjs");
    const { validateResource } = await import("./lib/schemas.mjs");
    const generated = k8sDevSecrets("default");
    const docs = YAML.parseAllDocuments(toYaml(generated)).map((d) => d.toJS());
    for (const doc of docs) await validateResource(doc);
    assert.deepEqual(docs.map((d) => d.metadata.name).sort(), Object.keys(generated).sort());
    for (const name of ["dev", "dev-ingress"]) {
      for (const { owner, pod } of workloads(renderOverlay(name))) {
        for (const c of pod.containers) {
          for (const e of c.env ?? []) {
            const ref = e.valueFrom?.secretKeyRef;
            if (ref && !ref.optional)
              assert.ok(ref.key in (generated[ref.name]?.data ?? {}), `${owner.metadata.name}: ${ref.name}/${ref.key}`);
          }
        }
        for (const v of pod.volumes ?? []) {
          if (!v.secret) continue;
          for (const item of v.secret.items ?? []) {
            assert.ok(item.key in (generated[v.secret.secretName]?.data ?? {}), `${v.secret.secretName}/${item.key}`);
          }
          assert.ok(generated[v.secret.secretName], v.secret.secretName);
        }
      }
    }
    for (const s of ["auth", "tickets", "orders", "payments", "notifications"]) {
      const { POSTGRES_PASSWORD, DATABASE_URL } = generated[`${s}-database`].data;
      assert.equal(new URL(DATABASE_URL).password, POSTGRES_PASSWORD, s);
      assert.equal(new URL(DATABASE_URL).hostname, `${s}-postgres`);
    }
  });

  it("k8s-prod creates the random ones, and the README names the rest", async () => {
    const { k8sProdSecrets } = await import("../secrets.mjs");
    const generated = k8sProdSecrets();
    const readme = readText("infra/README.md");
    const used = new Set();
    for (const name of ["prod", "prod-ingress"]) {
      for (const { pod } of workloads(renderOverlay(name))) {
        for (const c of pod.containers)
          for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) used.add(e.valueFrom.secretKeyRef.name);
        for (const v of pod.volumes ?? []) if (v.secret) used.add(v.secret.secretName);
      }
    }
    for (const name of used) {
      const generic = name.replace(/^(auth|tickets|orders|payments|notifications)-/, "<service>-");
      assert.ok(
        generated[name] || readme.includes(`\`${name}\``) || readme.includes(`\`${generic}\``),
        `${name}: generated or documented in infra/README.md`,
      );
    }
  });
});
