// Who may do what on the event bus: one NATS user per service, allowed to publish only its
// own event subjects and to call only the JetStream API its own consumers and the stream
// bootstrap need. The one table of NATS permissions: the local server (scripts/infra.sh),
// the bench and chaos harnesses (bench/lib/infra.mjs) render their config from it, and a
// deployment test checks the Kubernetes NATS config against it. After changing it, run
// `node infra/generate-nats-auth.mjs` (compose's and Kubernetes' copies; infra/test fails when stale).
//
//   node scripts/lib/nats-auth.mjs dir             prints the state folder (natsStateDir below)
//   node scripts/lib/nats-auth.mjs ensure <port>   writes <state>/credentials.json (random
//     passwords, kept across runs) and <state>/nats.conf; prints "changed" when nats.conf
//     was (re)written
//   node scripts/lib/nats-auth.mjs password <user> prints that user's password
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Event types each service publishes and consumes (durable consumer per consumed type). */
export const SERVICE_EVENTS = {
  auth: { publishes: ["user.*"], consumes: [] },
  tickets: {
    // event.*: about events (the shows), e.g. event.alert-changed.
    publishes: ["ticket.*", "event.*"],
    consumes: [
      "order.created",
      "order.cancelled",
      "order.completed",
      "user.sessions-revoked",
      // The sellers replica (what buyers see of a seller).
      "user.created",
      "user.updated",
      "user.email-verified",
      "user.google-linked",
    ],
  },
  orders: {
    publishes: ["order.*"],
    consumes: [
      "ticket.created",
      "ticket.updated",
      "expiration.complete",
      "payment.created",
      "payment.refunded",
      "user.sessions-revoked",
    ],
  },
  payments: {
    publishes: ["payment.*"],
    consumes: ["order.created", "order.cancelled", "order.completed", "user.sessions-revoked"],
  },
  expiration: {
    publishes: ["expiration.*"],
    consumes: ["order.created", "order.cancelled", "order.completed"],
  },
  // Mail only: it publishes no event (notification.* is kept for when it does).
  notifications: {
    publishes: ["notification.*"],
    consumes: [
      "user.created",
      "user.updated",
      "user.email-verified",
      "user.email-verification-requested",
      "user.password-reset-requested",
      "user.password-changed",
      "user.google-linked",
      "ticket.created",
      "ticket.updated",
      "event.alert-changed",
      "order.created",
      "order.cancelled",
      "order.completed",
      "payment.refunded",
      "payment.payout-account-changed",
      "payment.payout-account-missing",
      "payment.payout-updated",
      "payment.claim-opened",
      "payment.claim-answered",
      "payment.claim-decided",
      "user.sessions-revoked",
    ],
  },
};

export const SERVICES = Object.keys(SERVICE_EVENTS);

/** The user tests and harnesses use to publish anything (forged events included). Local only. */
export const TEST_USER = "test";

/** Same naming as common/src/messaging/listener.ts durableName(). */
export const durableName = (service, type) => `${service}-${type.replace(/[.]/g, "_")}`;

/**
 * NATS permissions of one service. `prefix` and `stream` are subject tokens: the deployable
 * config uses "ticketing" and "TICKETING"; the local server uses "*" so that the unique
 * prefixes and streams of tests (test_<id>., TEST_<id>) are covered too.
 */
export function servicePermissions(service, { prefix = "ticketing", stream = "TICKETING" } = {}) {
  const { publishes, consumes } = SERVICE_EVENTS[service];
  const durables = consumes.map((type) => durableName(service, type));
  // The dead-letter stream (common/src/messaging/dead-letters.ts): "*" already covers its name.
  const deadLetters = stream === "*" ? [] : [`${stream}_DEAD_LETTERS`];
  return {
    publish: [
      ...publishes.map((subject) => `${prefix}.${subject}`),
      // Events this service's consumers gave up on, with their error.
      `deadletter.${stream}.${service}.>`,
      "$JS.API.INFO",
      ...[stream, ...deadLetters].flatMap((s) => [
        `$JS.API.STREAM.INFO.${s}`,
        `$JS.API.STREAM.CREATE.${s}`,
        // Settings are reconciled on start (replicas, limits, duplicate window).
        `$JS.API.STREAM.UPDATE.${s}`,
      ]),
      ...durables.flatMap((d) => [
        `$JS.API.CONSUMER.CREATE.${stream}.${d}`,
        `$JS.API.CONSUMER.CREATE.${stream}.${d}.>`,
        `$JS.API.CONSUMER.INFO.${stream}.${d}`,
        `$JS.API.CONSUMER.MSG.NEXT.${stream}.${d}`,
        `$JS.ACK.${stream}.${d}.>`,
      ]),
    ],
    // Replies to its own requests (JetStream API answers, publish acks, pulled messages).
    subscribe: ["_INBOX.>"],
  };
}

const quote = (s) => JSON.stringify(s);
const list = (items) => `[${items.map(quote).join(", ")}]`;

function userBlock(user, password, permissions) {
  const perms = permissions
    ? `, permissions: { publish: { allow: ${list(permissions.publish)} }, subscribe: { allow: ${list(permissions.subscribe)} } }`
    : "";
  return `    { user: ${quote(user)}, password: ${quote(password)}${perms} }`;
}

/**
 * A local nats-server config: loopback only, JetStream, one user per service with the
 * permissions above (any prefix and stream) and the unrestricted test user.
 * @param {{ port: number, storeDir: string, passwords: Record<string,string> }} options
 */
export function localNatsConfig({ port, storeDir, passwords }) {
  const users = SERVICES.map((s) => userBlock(s, passwords[s], servicePermissions(s, { prefix: "*", stream: "*" })));
  users.push(userBlock(TEST_USER, passwords[TEST_USER]));
  return [
    "# Generated by scripts/lib/nats-auth.mjs: do not edit (rewritten when the permission table changes).",
    "host: 127.0.0.1",
    `port: ${port}`,
    `jetstream: { store_dir: ${quote(storeDir)} }`,
    "authorization: {",
    "  users: [",
    users.join(",\n"),
    "  ]",
    "}",
    "",
  ].join("\n");
}

/** The environment variable a deployed NATS server reads a service's password from. */
export const passwordVariable = (service) => `NATS_PASSWORD_${service.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;

/**
 * The authorization block of the deployed NATS servers (docker-compose and Kubernetes
 * include it from their nats.conf): one user per service with the permissions above on the
 * deployed prefix and stream, its password read from the server's environment
 * (passwordVariable(service), filled from a Secret or compose's .env); no test user.
 * infra/generate-nats-auth.mjs writes it into infra/compose and infra/k8s; a test checks
 * the committed copies are current.
 */
export function deployedNatsAuthorization({ prefix = "ticketing", stream = "TICKETING" } = {}) {
  const users = SERVICES.map((s) => {
    const { publish, subscribe } = servicePermissions(s, { prefix, stream });
    return `    { user: ${quote(s)}, password: $${passwordVariable(s)}, permissions: { publish: { allow: ${list(publish)} }, subscribe: { allow: ${list(subscribe)} } } }`;
  });
  return [
    "# Generated from scripts/lib/nats-auth.mjs by infra/generate-nats-auth.mjs: do not edit.",
    "# One user per service; each password comes from the server's environment.",
    "authorization: {",
    "  users: [",
    users.join(",\n"),
    "  ]",
    "}",
    "",
  ].join("\n");
}

export const newPassword = () => randomBytes(24).toString("base64url");

/** Passwords for every service and the test user, reusing those already in `existing`. */
export function passwordsFor(existing = {}) {
  const passwords = {};
  for (const user of [...SERVICES, TEST_USER]) passwords[user] = existing[user] || newPassword();
  return passwords;
}

/** The NATS_* variables one service (or the test user) connects with. */
export function natsEnv(credentials, user) {
  return { NATS_URL: credentials.url, NATS_USER: user, NATS_PASSWORD: credentials.passwords[user] };
}

/**
 * Where the project's shared local NATS keeps its config, credentials and data: one per
 * machine (every checkout of the repository uses the same server), outside any checkout.
 */
export function natsStateDir(env = process.env) {
  if (env.TICKETING_NATS_STATE) return env.TICKETING_NATS_STATE;
  if (process.getuid?.() === 0) return "/var/lib/ticketing-nats";
  const base = env.XDG_STATE_HOME || join(env.HOME ?? "/tmp", ".local", "state");
  return join(base, "ticketing-nats");
}

export function readCredentials(dir = natsStateDir()) {
  const file = join(dir, "credentials.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

/** Creates or refreshes the state folder; returns whether nats.conf changed. */
export function ensureState(dir, port) {
  mkdirSync(join(dir, "jetstream"), { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const existing = readCredentials(dir);
  const credentials = { url: `nats://127.0.0.1:${port}`, passwords: passwordsFor(existing?.passwords) };
  if (JSON.stringify(existing) !== JSON.stringify(credentials)) {
    writeFileSync(join(dir, "credentials.json"), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  }
  const conf = localNatsConfig({ port, storeDir: join(dir, "jetstream"), passwords: credentials.passwords });
  const confFile = join(dir, "nats.conf");
  const changed = !existsSync(confFile) || readFileSync(confFile, "utf8") !== conf;
  if (changed) writeFileSync(confFile, conf, { mode: 0o600 });
  return changed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [command, arg] = process.argv.slice(2);
  const dir = natsStateDir();
  if (command === "dir") console.log(dir);
  else if (command === "ensure" && arg) {
    if (ensureState(dir, Number(arg))) console.log("changed");
  } else if (command === "password" && arg) console.log(readCredentials(dir)?.passwords?.[arg] ?? "");
  else {
    console.error("usage: node scripts/lib/nats-auth.mjs dir | ensure <port> | password <user>");
    process.exit(2);
  }
}
