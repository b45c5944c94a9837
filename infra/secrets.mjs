#!/usr/bin/env node
// Generates every secret the deployments need, so none is ever committed and no published
// default works (README, Security). Random values; the development NATS certificate from a
// throw-away CA made with openssl.
//
//   node infra/secrets.mjs compose
//       docker-compose: writes .env (JWT_KEY, one NATS password per service, REDIS_PASSWORD,
//       TICKET_BARCODE_KEY, the PostgreSQL passwords; values already there are kept) and
//       .local/compose/nats-tls/{ca.crt,tls.crt,tls.key} (a CA and a certificate for `nats`).
//   node infra/secrets.mjs k8s-dev [namespace] | kubectl create -f -
//       every Secret the development overlays use (create once: `create` refuses to replace).
//   node infra/secrets.mjs k8s-prod | kubectl create -f -
//       the production Secrets that are random values: jwt-secret, nats-users, redis,
//       tickets-delivery. nats-tls comes from cert-manager or openssl (infra/README.md);
//       the database, PayPal, SMTP and provider Secrets hold what their services gave you.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { passwordVariable, SERVICES } from "../scripts/lib/nats-auth.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** 32 random bytes, URL-safe (usable inside redis:// and postgres:// URLs unescaped). */
export const randomSecret = () => randomBytes(32).toString("base64url");
export const randomHexKey = () => randomBytes(32).toString("hex");

/** Services with a PostgreSQL database of their own. */
export const DATABASE_SERVICES = ["auth", "tickets", "orders", "payments", "notifications"];
export const databasePasswordVariable = (service) => `${service.toUpperCase()}_DB_PASSWORD`;

/**
 * A CA and a server certificate for `dnsNames` (also usable as a client certificate, as
 * NATS cluster routes need), made by openssl in a temporary folder.
 * @returns {{ "ca.crt": string, "tls.crt": string, "tls.key": string }}
 */
export function makeCertificates(dnsNames, { caName = "Ticketing development CA" } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ticketing-tls-"));
  const run = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run(
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "3650",
      "-subj",
      `/CN=${caName}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    );
    run("req", ...ec, "-keyout", "tls.key", "-out", "tls.csr", "-subj", `/CN=${dnsNames[0]}`);
    fs.writeFileSync(
      path.join(dir, "ext.cnf"),
      [
        `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(",")}`,
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature",
        "extendedKeyUsage=serverAuth,clientAuth",
        "",
      ].join("\n"),
    );
    run(
      "x509",
      "-req",
      "-in",
      "tls.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "tls.crt",
      "-days",
      "825",
      "-extfile",
      "ext.cnf",
    );
    const read = (f) => fs.readFileSync(path.join(dir, f), "utf8");
    return { "ca.crt": read("ca.crt"), "tls.crt": read("tls.crt"), "tls.key": read("tls.key") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The names the NATS servers' certificate must carry in a namespace (clients and cluster routes). */
export const natsDnsNames = (namespace) => [
  "nats",
  `nats.${namespace}.svc`,
  `nats.${namespace}.svc.cluster.local`,
  // The cluster routes (components/prod/nats-cluster.yaml) by name; the wildcards for more nodes.
  ...[0, 1, 2].flatMap((i) => [`nats-${i}.nats-headless`, `nats-${i}.nats-headless.${namespace}.svc.cluster.local`]),
  "*.nats-headless",
  `*.nats-headless.${namespace}.svc.cluster.local`,
];

// ------------------------------------------------------------------------------ compose

/** The variables docker-compose.yml requires (`${NAME:?…}`), with a fresh value each. */
export function composeVariables() {
  return {
    JWT_KEY: randomHexKey(),
    TICKET_BARCODE_KEY: randomHexKey(),
    REDIS_PASSWORD: randomSecret(),
    POSTGRES_PASSWORD: randomSecret(),
    ...Object.fromEntries(DATABASE_SERVICES.map((s) => [databasePasswordVariable(s), randomSecret()])),
    ...Object.fromEntries(SERVICES.map((s) => [passwordVariable(s), randomSecret()])),
  };
}

const parseEnv = (text) =>
  Object.fromEntries(
    text
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#") && l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );

/** Writes (or completes) `<root>/.env` and the compose NATS certificate; returns what it wrote. */
export function writeComposeSecrets(root = ROOT) {
  const envFile = path.join(root, ".env");
  const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, "utf8") : "";
  const have = parseEnv(existing);
  const missing = Object.entries(composeVariables()).filter(([k]) => !have[k]);
  if (missing.length) {
    const header = existing
      ? ""
      : "# docker-compose secrets, generated by node infra/secrets.mjs compose. Never commit.\n";
    const text = `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}${header}${missing.map(([k, v]) => `${k}=${v}\n`).join("")}`;
    fs.writeFileSync(envFile, text, { mode: 0o600 });
  }
  const tlsDir = path.join(root, ".local/compose/nats-tls");
  const wroteTls = !fs.existsSync(path.join(tlsDir, "tls.crt"));
  if (wroteTls) {
    fs.mkdirSync(tlsDir, { recursive: true, mode: 0o755 });
    const files = makeCertificates(["nats", "localhost"], { caName: "Ticketing compose CA" });
    for (const [name, text] of Object.entries(files)) {
      // The NATS container reads the key as root; the services only ever see ca.crt.
      fs.writeFileSync(path.join(tlsDir, name), text, { mode: name.endsWith(".key") ? 0o600 : 0o644 });
    }
  }
  return { envFile, added: missing.map(([k]) => k), tlsDir, wroteTls };
}

// ------------------------------------------------------------------------------ Kubernetes

const secret = (name, data, type) =>
  [
    "---",
    "apiVersion: v1",
    "kind: Secret",
    "metadata:",
    `  name: ${name}`,
    "  labels:",
    "    app.kubernetes.io/part-of: ticketing",
    ...(type ? [`type: ${type}`] : []),
    "stringData:",
    ...Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
  ].join("\n");

/** Secrets with random values both environments need. */
function randomSecrets() {
  const redisPassword = randomSecret();
  return {
    "jwt-secret": { JWT_KEY: randomHexKey() },
    "nats-users": Object.fromEntries(SERVICES.map((s) => [s, randomSecret()])),
    redis: { REDIS_PASSWORD: redisPassword, REDIS_URL: `redis://:${redisPassword}@redis:6379` },
    "tickets-delivery": { TICKET_BARCODE_KEY: randomHexKey() },
  };
}

/** name → { data, type } of every Secret the development overlays use. */
export function k8sDevSecrets(namespace = "default") {
  const out = {};
  for (const [name, data] of Object.entries(randomSecrets())) out[name] = { data };
  for (const s of DATABASE_SERVICES) {
    const password = randomSecret();
    out[`${s}-database`] = {
      data: { POSTGRES_PASSWORD: password, DATABASE_URL: `postgres://${s}:${password}@${s}-postgres:5432/${s}` },
    };
  }
  // The emulator accepts exactly these; they open nothing but the emulator.
  out.paypal = {
    data: {
      PAYPAL_CLIENT_ID: "emulator-client-id",
      PAYPAL_CLIENT_SECRET: randomSecret(),
      // The id of the emulator's webhook (components/dev/paypal-emulator.yaml, WEBHOOK_ID).
      PAYPAL_WEBHOOK_ID: "EMULATORWEBHOOK01",
    },
  };
  out.smtp = { data: { SMTP_URL: "smtp://mail-catcher:1025" } };
  out["nats-tls"] = { data: makeCertificates(natsDnsNames(namespace)), type: "kubernetes.io/tls" };
  return out;
}

export function k8sProdSecrets() {
  return Object.fromEntries(Object.entries(randomSecrets()).map(([name, data]) => [name, { data }]));
}

export const toYaml = (secrets) =>
  `${Object.entries(secrets)
    .map(([name, { data, type }]) => secret(name, data, type))
    .join("\n")}\n`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [command, arg] = process.argv.slice(2);
  if (command === "compose") {
    const { envFile, added, tlsDir, wroteTls } = writeComposeSecrets();
    console.log(added.length ? `${path.relative(ROOT, envFile)}: added ${added.join(", ")}` : ".env complete");
    console.log(wroteTls ? `${path.relative(ROOT, tlsDir)}: new CA and NATS certificate` : "NATS certificate kept");
  } else if (command === "k8s-dev") process.stdout.write(toYaml(k8sDevSecrets(arg || "default")));
  else if (command === "k8s-prod") process.stdout.write(toYaml(k8sProdSecrets()));
  else {
    console.error("usage: node infra/secrets.mjs compose | k8s-dev [namespace] | k8s-prod");
    process.exit(2);
  }
}
