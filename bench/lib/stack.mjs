// The system under test, started by the harness on free loopback ports: its own NATS
// and Redis, fresh databases on the shared PostgreSQL, every built service from the
// table of `npm start` (scripts/dev/services.mjs: same commands and environment, with
// ports, database names and URLs remapped) and the gateway in a process of its own.
// Several replicas of a service share its database, like pods of one Deployment.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { signSessionToken } from "@m-ticketing/common";
import pg from "pg";
import { planService } from "../../scripts/dev/run-all.mjs";
import { DATABASES as DEV_DATABASES, PORTS, services as serviceTable } from "../../scripts/dev/services.mjs";
import { databaseUrl, dropDatabases, ownNats, ownRedis, recreateDatabases } from "./infra.mjs";
import { startNginx } from "./nginx-gateway.mjs";
import { freePort, portOpen, rssMb, sleep, startProcess, stopProcess, tail, waitReady } from "./processes.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BACKEND = ["auth", "tickets", "orders", "payments", "expiration"];
const ALL_PORTS = { ...PORTS };

/** Rewrites the dev table's fixed ports, database names and infrastructure URLs to this run's. */
function remapEnv(env, { portOf, prefix, natsUrl, redisUrl, gatewayPort, dbUrl }) {
  const out = {};
  for (const [key, raw] of Object.entries(env)) {
    let value = String(raw);
    if (key === "NATS_URL") value = natsUrl;
    else if (key === "REDIS_URL") value = redisUrl;
    else if (/^DATABASE(_DIRECT)?_URL$/.test(key)) {
      // This run's database on the server BENCH_PG_ADMIN_URL names (host, port, user, password).
      const name = new URL(value).pathname.slice(1).replace(/^ticketing_/, `${prefix}_`);
      value = dbUrl(name, key);
    } else {
      value = value.replace(/(127\.0\.0\.1|localhost):(\d+)/g, (match, host, port) => {
        const n = Number(port);
        if (n === ALL_PORTS.gateway) return `${host}:${gatewayPort}`;
        const name = Object.keys(ALL_PORTS).find((k) => ALL_PORTS[k] === n);
        return name && portOf(name) ? `${host}:${portOf(name)}` : match;
      });
      value = value.replace(/\/ticketing_([a-z]+)/g, `/${prefix}_$1`);
    }
    out[key] = value;
  }
  return out;
}

/** Why a service of the dev table cannot run yet (not built), or null. */
export function notBuilt(name) {
  const entry = serviceTable({ jwtKey: "x".repeat(32), gatewayUrl: "http://localhost:0" }).find((s) => s.name === name);
  if (!entry) return "not in scripts/dev/services.mjs";
  return planService(entry, { root: ROOT, env: { PATH: process.env.PATH } }).skip ?? null;
}

const tableKey = (name) => (name === "paypal-emulator" ? "paypalEmulator" : name);

/**
 * @param {{ prefix?: string, services?: string[], replicas?: number | Record<string, number>,
 *   env?: Record<string, Record<string,string>>, logLevel?: string, dir?: string, readyTimeoutMs?: number }} options
 *   services: names from the dev table (default: paypal-emulator + the backend services)
 *   env: extra variables per service name ("*" for all)
 * @param {{ pgServers?: (dir: string) => Promise<Record<string, { adminUrl: string, stop: () => Promise<void> }>>, pooler?: (dir: string) => Promise<{ url: (db: string) => string, stop: () => Promise<void> }>,
 *   poolerDirect?: boolean, nats?: (dir: string) => Promise<object> }} [options]
 *   pgServers: starts a PostgreSQL of its own for some services (chaos C7 stops one); `stack.pgServers`
 *   pooler: started in the run folder; every service's DATABASE_URL goes through it (PgBouncer,
 *     chaos C8), with DATABASE_DIRECT_URL on PostgreSQL itself when `poolerDirect`
 *   nats: starts the NATS the services use instead of one server (chaos C6: a cluster)
 */
export async function startStack(options = {}) {
  const {
    prefix = `bench_${randomBytes(3).toString("hex")}`,
    services: wanted = ["paypal-emulator", ...BACKEND],
    replicas = 1,
    env: extraEnv = {},
    logLevel = process.env.BENCH_LOG_LEVEL ?? "info",
    readyTimeoutMs = 90_000,
  } = options;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `${prefix}-`));
  mkdirSync(join(dir, "logs"), { recursive: true });
  const jwtKey = randomBytes(32).toString("base64url");
  const replicaCount = (name) =>
    name === "paypal-emulator" || name === "client"
      ? 1
      : typeof replicas === "number"
        ? replicas
        : (replicas[name] ?? 1);

  // Refuse early, before anything is started, when a wanted service is not built.
  for (const s of serviceTable({ jwtKey, gatewayUrl: "http://localhost:0" }).filter((e) => wanted.includes(e.name))) {
    const plan = planService(s, { root: ROOT, env: { PATH: process.env.PATH } });
    if (plan.skip) throw new Error(`cannot run ${s.name}: ${plan.skip}`);
  }
  const [nats, redis] = await Promise.all([(options.nats ?? ownNats)(dir), ownRedis(dir)]);
  const databases = DEV_DATABASES.map((d) => d.replace(/^ticketing_/, `${prefix}_`));
  // Servers of their own for some services (started in the run folder, stopped by `stop`).
  const ownServers = options.pgServers ? await options.pgServers(dir) : {};
  const pgServers = Object.fromEntries(Object.entries(ownServers).map(([service, s]) => [service, s.adminUrl]));
  /** The admin URL of the server that holds database `name` (a service's own, or the shared one). */
  const serverOf = (name) => pgServers[name.slice(prefix.length + 1)];
  await recreateDatabases(databases.filter((d) => !serverOf(d)));
  for (const d of databases.filter(serverOf)) await recreateDatabases([d], serverOf(d));
  const pooler = options.pooler ? await options.pooler(dir) : null;
  // DATABASE_URL through the pooler when there is one; the direct URL always on PostgreSQL itself.
  const dbUrl = (name, key) =>
    pooler && key === "DATABASE_URL" ? pooler.url(name) : databaseUrl(name, serverOf(name) ?? undefined);

  const gatewayPort = await freePort();
  const table = serviceTable({ jwtKey, gatewayUrl: `http://localhost:${gatewayPort}`, nats }).filter((s) =>
    wanted.includes(s.name),
  );
  const ports = {};
  for (const s of table) {
    ports[s.name] = [];
    for (let i = 0; i < replicaCount(s.name); i++) ports[s.name].push(await freePort());
  }
  const portOf = (key) => {
    const name = Object.keys(ports).find((n) => tableKey(n) === key);
    return name ? ports[name][0] : undefined;
  };

  const instances = [];
  const plans = new Map();
  for (const s of table) {
    const base = remapEnv(s.env, { portOf, prefix, natsUrl: nats.url, redisUrl: redis.url, gatewayPort, dbUrl });
    if (pooler && base.DATABASE_URL) {
      // PgBouncer refuses unknown start-up parameters (the time-outs go on the role instead).
      base.DATABASE_SESSION_SETTINGS = "false";
      if (options.poolerDirect) base.DATABASE_DIRECT_URL = dbUrl(new URL(base.DATABASE_URL).pathname.slice(1));
    }
    if (s.name !== "paypal-emulator" && s.name !== "client") base.LOG_LEVEL = logLevel;
    // The harness approves PayPal orders through the emulator's test controls.
    if (s.name === "paypal-emulator") base.EMULATOR_ADMIN = "true";
    // Seeded sellers have no mailbox here (no notifications service): the e-mail rule is
    // tested in system-tests/account-mail.test.ts, not by the bench and chaos harnesses.
    if (s.name === "tickets") base.SELLER_EMAIL_VERIFICATION = "off";
    Object.assign(base, extraEnv["*"] ?? {}, extraEnv[s.name] ?? {});
    ports[s.name].forEach((port, index) => {
      const serviceEnv = { ...base, PORT: String(port) };
      const entry = {
        ...s,
        port,
        env: serviceEnv,
        command: options.commands?.[s.name] ?? s.command.map((c) => (c === String(s.port) ? String(port) : c)),
      };
      const plan = planService(entry, {
        root: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME ?? "/root" },
      });
      if (plan.skip) throw new Error(`cannot run ${s.name}: ${plan.skip}`);
      plans.set(`${s.name}#${index}`, { plan, readyPath: s.readyPath ?? "/healthz" });
      instances.push({ name: s.name, index, port, handle: null, readyMs: null });
    });
  }

  const logFile = (inst) => join(dir, "logs", `${inst.name}-${inst.index}.log`);

  /** Starts one instance and resolves with the milliseconds from spawn to its ready path answering. */
  async function launch(inst, envOverride = {}) {
    const { plan, readyPath } = plans.get(`${inst.name}#${inst.index}`);
    inst.handle = startProcess({
      command: plan.command,
      args: plan.args,
      cwd: plan.cwd,
      env: { ...plan.env, ...envOverride },
      logFile: logFile(inst),
    });
    try {
      inst.readyMs = await waitReady(inst.port, readyPath, {
        since: inst.handle.startedAt,
        timeoutMs: readyTimeoutMs,
        exited: () => !inst.handle.alive(),
      });
    } catch (err) {
      throw new Error(`${inst.name}#${inst.index}: ${err.message}\n${tail(logFile(inst))}`);
    }
    return inst.readyMs;
  }

  const stack = {
    prefix,
    dir,
    jwtKey,
    nats,
    redis,
    databases,
    instances,
    gatewayPort,
    url: `http://127.0.0.1:${gatewayPort}`,
    gateway: null,
    /** Base URL of one replica, bypassing the gateway. */
    serviceUrl: (name, index = 0) => `http://127.0.0.1:${ports[name][index]}`,
    instance: (name, index = 0) => instances.find((i) => i.name === name && i.index === index),
    pooler,
    pgServers: ownServers,
    /** The direct URL of a service's database (its own server's, when it has one). */
    databaseUrl: (service) => databaseUrl(`${prefix}_${service}`, pgServers[service]),
    /** A session cookie for `user`, signed as auth would with this run's key. */
    cookie(user) {
      const token = signSessionToken(
        { email: `${user.id.slice(0, 8)}@bench.test`, name: "Bench User", tokenVersion: 0, ...user },
        jwtKey,
        24 * 3600,
      );
      return `session=${token}`;
    },
    rss: (name, index = 0) => rssMb(stack.instance(name, index)?.handle?.pid),
    /** kill -9 (by default) one replica; it stays down until `restart`. */
    async kill(name, index = 0, signal = "SIGKILL") {
      const inst = stack.instance(name, index);
      await stopProcess(inst.handle, signal);
    },
    async restart(name, index = 0, envOverride = {}) {
      const inst = stack.instance(name, index);
      if (inst.handle?.alive()) await stopProcess(inst.handle, "SIGTERM", 25_000);
      return launch(inst, envOverride);
    },
    /** Pools on this run's databases, opened on first use and closed by `stop`. */
    pools: {},
    pool(service) {
      if (!stack.pools[service]) {
        stack.pools[service] = new pg.Pool({ connectionString: stack.databaseUrl(service), max: 4 });
        stack.pools[service].on("error", () => {}); // a killed server must not crash the harness
      }
      return stack.pools[service];
    },
    /** Stops everything; the run folder (logs, NATS store) is deleted unless `keepLogs`. */
    async stop({ keepDatabases = false, keepLogs = false } = {}) {
      await stopProcess(stack.gateway, "SIGTERM");
      if (stack.nginx) await stopProcess(stack.nginx, "SIGTERM");
      await Promise.all(instances.map((i) => stopProcess(i.handle, "SIGTERM", 25_000)));
      await Promise.all(Object.values(stack.pools).map((p) => p.end().catch(() => {})));
      await nats.stop("SIGTERM");
      await redis.stop();
      await pooler?.stop().catch(() => {});
      if (!keepDatabases) {
        await dropDatabases(databases.filter((d) => !serverOf(d)));
      }
      // Their data lives in the run folder: stopping them is enough.
      for (const server of Object.values(ownServers)) await server.stop().catch(() => {});
      if (!keepLogs && !options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    // The emulator first: payments may call it at start-up.
    for (const inst of instances.filter((i) => i.name === "paypal-emulator")) await launch(inst);
    await Promise.all(instances.filter((i) => i.name !== "paypal-emulator").map((i) => launch(i)));
    const routes = (await import("../../scripts/dev/routes.mjs")).ROUTES.filter((r) => ports[r.service]).map((r) => ({
      prefix: r.prefix,
      service: r.service,
      ports: ports[r.service],
    }));
    stack.gateway = startProcess({
      command: process.execPath,
      args: [join(ROOT, "bench/lib/gateway-process.mjs")],
      cwd: ROOT,
      env: { ...process.env, GATEWAY_PORT: String(gatewayPort), GATEWAY_ROUTES: JSON.stringify(routes) },
      logFile: join(dir, "logs", "gateway.log"),
    });
    // nginx from the same route table beside it, when installed (B1 compares the two).
    const nginxPort = await freePort();
    stack.nginx = startNginx({ routes, port: nginxPort, dir });
    if (stack.nginx) stack.nginxUrl = `http://127.0.0.1:${nginxPort}`;
    const deadline = Date.now() + 10_000;
    while (!(await portOpen(gatewayPort))) {
      if (Date.now() > deadline || !stack.gateway.alive())
        throw new Error(`gateway did not start: ${tail(join(dir, "logs", "gateway.log"))}`);
      await sleep(50);
    }
  } catch (err) {
    await stack.stop().catch(() => {});
    throw err;
  }
  return stack;
}
