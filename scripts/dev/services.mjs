// The processes `npm start` runs, with their ports and development defaults. The one
// table of local wiring: the gateway's routes live in ./routes.mjs. Every value here can
// be overridden by setting the variable in the environment of `npm start`.

export const PORTS = {
  gateway: 8080,
  client: 3000,
  auth: 3001,
  tickets: 3002,
  orders: 3003,
  payments: 3004,
  expiration: 3005,
  notifications: 3006,
  paypalEmulator: 3009,
  /** The mail catcher: SMTP for the services, and its inbox page for you. */
  mailCatcherSmtp: 1025,
  mailCatcher: 1080,
};

import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pg = (db) => `postgres://postgres@127.0.0.1:5432/${db}`;

/** Databases the infrastructure script creates (one per service that owns data). */
export const DATABASES = [
  "ticketing_auth",
  "ticketing_tickets",
  "ticketing_orders",
  "ticketing_payments",
  "ticketing_notifications",
];

/**
 * @param {{ jwtKey: string, gatewayUrl: string, nats?: { url: string, passwords: Record<string,string> } }} shared
 *   values generated or derived at start; `nats`: the project's NATS and its generated
 *   passwords (scripts/lib/nats-auth.mjs), each service connecting as its own user
 * @returns {Array<{ name: string, cwd: string, command: string[], port: number, env: Record<string,string>, readyPath?: string }>}
 */
export function services({ jwtKey, gatewayUrl, nats = { url: "nats://127.0.0.1:4223", passwords: {} } }) {
  const common = {
    NODE_ENV: "development",
    JWT_KEY: jwtKey,
    NATS_URL: nats.url,
    LOG_LEVEL: "info",
    // Reachable only through the gateway on this machine: per-client limits key on the
    // address the gateway (loopback, the services' default TRUST_PROXY) reports.
    HOST: "127.0.0.1",
  };
  const node = (name, port, env) => ({
    name,
    cwd: name,
    // A young generation of at most 2 MB per semi-space: 10–27 MB less resident memory idle
    // per service with no throughput lost in B1/B2 (bench/README.md, B6).
    command: ["node", "--enable-source-maps", "--max-semi-space-size=2", "dist/index.js"],
    port,
    readyPath: "/readyz",
    env: { ...common, NATS_USER: name, NATS_PASSWORD: nats.passwords[name] ?? "", PORT: String(port), ...env },
  });
  return [
    {
      name: "paypal-emulator",
      cwd: "paypal-emulator",
      command: ["node", "dist/index.js"],
      port: PORTS.paypalEmulator,
      readyPath: "/healthz",
      // EMULATOR_ADMIN=true (the browser tests, the bench) adds the unauthenticated test controls.
      env: {
        PORT: String(PORTS.paypalEmulator),
        PUBLIC_URL: `http://localhost:${PORTS.paypalEmulator}`,
        EMULATOR_ADMIN: "false",
        // PayPal's webhooks (refunds, disputes, payout items) go straight to payments, signed.
        WEBHOOK_URL: `http://127.0.0.1:${PORTS.payments}/api/payments/webhooks/paypal`,
        WEBHOOK_ID: "EMULATORWEBHOOK01",
      },
    },
    node("auth", PORTS.auth, {
      DATABASE_URL: pg("ticketing_auth"),
      PUBLIC_URL: gatewayUrl,
      PHOTO_DIR: path.join(ROOT, ".local/photos"),
    }),
    node("tickets", PORTS.tickets, { DATABASE_URL: pg("ticketing_tickets") }),
    node("orders", PORTS.orders, { DATABASE_URL: pg("ticketing_orders"), ORDER_EXPIRATION_SECONDS: "900" }),
    node("payments", PORTS.payments, {
      DATABASE_URL: pg("ticketing_payments"),
      PUBLIC_URL: gatewayUrl,
      PAYPAL_API_BASE: `http://127.0.0.1:${PORTS.paypalEmulator}`,
      PAYPAL_CLIENT_ID: "emulator-client-id",
      PAYPAL_CLIENT_SECRET: "emulator-client-secret",
      PAYPAL_WEBHOOK_ID: "EMULATORWEBHOOK01",
    }),
    node("expiration", PORTS.expiration, { REDIS_URL: "redis://127.0.0.1:6379" }),
    {
      // Every mail of the development system ends here: http://localhost:1080 shows the inbox.
      name: "mail-catcher",
      cwd: "mail-catcher",
      command: ["node", "dist/index.js"],
      port: PORTS.mailCatcher,
      readyPath: "/healthz",
      env: { HOST: "127.0.0.1", PORT: String(PORTS.mailCatcher), SMTP_PORT: String(PORTS.mailCatcherSmtp) },
    },
    node("notifications", PORTS.notifications, {
      DATABASE_URL: pg("ticketing_notifications"),
      SMTP_URL: `smtp://127.0.0.1:${PORTS.mailCatcherSmtp}`,
      MAIL_FROM: "Ticketing <no-reply@ticketing.local>",
      PUBLIC_URL: gatewayUrl,
    }),
    {
      name: "client",
      cwd: "client",
      // Resolved by the runner from the workspace (npm hoists next to the root node_modules).
      command: ["next", "start", "-p", String(PORTS.client), "-H", "127.0.0.1"],
      port: PORTS.client,
      readyPath: "/",
      env: { PORT: String(PORTS.client), API_BASE_URL: gatewayUrl, NEXT_TELEMETRY_DISABLED: "1" },
    },
  ];
}
