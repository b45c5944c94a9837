// The process supervisor behind `npm start`: runs every built service of
// ./services.mjs plus the gateway (./gateway.mjs, in this process) and stops them all on
// Ctrl-C / SIGTERM. Started by scripts/start.sh after the build and the infrastructure.
//
// Environment:
//   GATEWAY_PORT   the gateway's port (default 8080); the services are told its URL
//   JWT_KEY        the session signing key; by default a random one kept in .local/dev-jwt-key
//   any variable of a service's table entry (PORT excepted, it is per service) overrides
//   that default for every service that has it, e.g. ORDER_EXPIRATION_SECONDS=60 npm start
//
// A service whose entry point is not built yet is skipped with a warning. A child that
// crashes is restarted with backoff (1, 2, 4, 8, 16 s; the count resets once it has run
// for a minute) and given up after 5 restarts in a row while the others keep running:
// in development one broken service should not take the whole stack down, and its log
// stays on screen.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { prettyFactory } from "pino-pretty";
import { DEMO_ACCOUNTS, demoDataWanted, seedDemoData } from "./demo-data.mjs";
import { createGateway } from "./gateway.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const COLOURS = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94, 91];

/** The development session key: generated once into .local/ (git-ignored), never committed. */
export function devJwtKey(root = ROOT) {
  const file = join(root, ".local", "dev-jwt-key");
  const existing = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  if (existing.length >= 32) return existing;
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString("base64url");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * How to run one service of the table, or why it cannot run yet.
 * @returns {{ command: string, args: string[], cwd: string, env: Record<string,string> } | { skip: string }}
 */
export function planService(service, { root = ROOT, env = process.env } = {}) {
  const cwd = resolve(root, service.cwd);
  const [command, ...args] = service.command;
  const childEnv = { ...env };
  for (const [key, value] of Object.entries(service.env)) {
    childEnv[key] = key !== "PORT" && env[key] !== undefined ? env[key] : value;
  }
  childEnv.PORT = service.env.PORT ?? String(service.port);
  // Whatever the services spawn gets the same Node as this runner.
  childEnv.PATH = `${dirname(process.execPath)}${delimiter}${env.PATH ?? ""}`;
  const run = { cwd, env: childEnv };

  if (!existsSync(cwd)) return { skip: `there is no ${service.cwd}/ folder` };
  if (command === "node") {
    const script = args.find((arg) => !arg.startsWith("-"));
    if (script && !existsSync(join(cwd, script))) {
      return { skip: `${service.cwd}/${script} is not built yet (npm run build -w ${service.cwd})` };
    }
    return { ...run, command: process.execPath, args };
  }
  if (command === "next") {
    // npm hoists next to the root node_modules: resolve it the way the client would.
    let bin;
    try {
      const manifest = createRequire(join(cwd, "package.json")).resolve("next/package.json");
      const { bin: bins } = JSON.parse(readFileSync(manifest, "utf8"));
      bin = join(dirname(manifest), typeof bins === "string" ? bins : bins.next);
    } catch {
      return { skip: "next is not installed (npm install)" };
    }
    if (args[0] === "start" && !existsSync(join(cwd, ".next", "BUILD_ID"))) {
      return { skip: `${service.cwd}/.next has no production build yet (npm run build -w ${service.cwd})` };
    }
    return { ...run, command: process.execPath, args: [bin, ...args] };
  }
  return { ...run, command, args };
}

/** Resolves true once GET http://127.0.0.1:port/path answers 2xx/3xx, false at the deadline or on `cancelled()`. */
async function waitReady(port, path, deadline, cancelled) {
  while (Date.now() < deadline && !cancelled()) {
    const ok = await new Promise((done) => {
      const req = http.get({ host: "127.0.0.1", port, path, timeout: 2000, agent: false }, (res) => {
        res.resume();
        done(res.statusCode < 400);
      });
      req.on("timeout", () => req.destroy());
      req.on("error", () => done(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal); // the child leads its own process group (detached)
    return true;
  } catch {
    return false; // ESRCH: nothing left in that group
  }
}

/**
 * Runs the services and the gateway until SIGINT/SIGTERM/SIGHUP, then stops everything
 * and exits 0.
 * @param {{ services: Array<object>, routes: Array<object>, gatewayPort: number, root?: string,
 *   readyTimeoutMs?: number, stopTimeoutMs?: number, restartDelayMs?: number, maxRestarts?: number }} options
 */
/**
 * The services log one JSON object per line (what production collects); on a terminal
 * each becomes one readable line (pino-pretty: time, level, message, then the fields).
 * Anything that is not a pino line passes through unchanged.
 */
const prettyLine = prettyFactory({
  colorize: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  singleLine: true,
  translateTime: "HH:MM:ss.l",
  ignore: "pid,hostname,service,name",
});
export function pretty(line) {
  if (!line.startsWith("{")) return line;
  try {
    return prettyLine(JSON.parse(line)).replace(/\n$/, "");
  } catch {
    return line;
  }
}

export async function runAll(options) {
  const {
    services,
    routes,
    gatewayPort,
    root = ROOT,
    readyTimeoutMs = 180_000, // a first `next start` and the migrations can take a while
    stopTimeoutMs = 25_000, // the services' own graceful shutdown is bounded at 20 s
    restartDelayMs = 1_000,
    maxRestarts = 5,
    /** Seeds demo data once everything is up (the `npm start` entry point passes it). */
    seedDemo,
  } = options;
  const width = Math.max("gateway".length, ...services.map((s) => s.name.length));
  const colour = (i, stream) => (text) =>
    stream.isTTY && !process.env.NO_COLOR ? `\x1b[${COLOURS[i % COLOURS.length]}m${text}\x1b[0m` : text;
  const printer = (name, i) => {
    const out = colour(i, process.stdout)(`${name.padEnd(width)} |`);
    const err = colour(i, process.stderr)(`${name.padEnd(width)} |`);
    return {
      out: (line) => process.stdout.write(`${out} ${pretty(line)}\n`),
      err: (line) => process.stderr.write(`${err} ${pretty(line)}\n`),
    };
  };
  // A closed pipe (`npm start | head`) must not crash the runner and orphan the services.
  process.stdout.on("error", () => {});
  process.stderr.on("error", () => {});
  const say = printer("runner", services.length + 1);
  const gatewayLog = printer("gateway", services.length);

  // ------------------------------------------------------------------ plan
  const entries = [];
  services.forEach((service, i) => {
    const plan = planService(service, { root });
    if (plan.skip) say.err(`skipping ${service.name}: ${plan.skip}`);
    else entries.push({ service, plan, print: printer(service.name, i), child: null, restarts: 0, timer: null });
  });
  if (entries.length === 0) {
    say.err("nothing to run: build the services first (npm run build)");
    process.exit(1);
  }

  // ------------------------------------------------------------------ gateway
  const gateway = createGateway(routes, { log: gatewayLog.err });
  try {
    await new Promise((ok, fail) => gateway.once("error", fail).listen(gatewayPort, ok));
  } catch (err) {
    say.err(`the gateway cannot listen on port ${gatewayPort}: ${err.code ?? err.message} (set GATEWAY_PORT)`);
    process.exit(1);
  }
  const url = `http://localhost:${gateway.address().port}`;

  // ------------------------------------------------------------------ children
  let stopping = false;
  const running = new Set(); // pids of live children, which lead their own process groups

  const start = (entry) => {
    const { plan, print, service } = entry;
    const startedAt = Date.now();
    // detached: its own process group, so a terminal's Ctrl-C reaches only this runner,
    // which then stops the children in order (a service gets one SIGTERM, not SIGINT
    // from the terminal plus SIGTERM from us), and a group signal also reaches whatever
    // the child spawned itself.
    const child = spawn(plan.command, plan.args, {
      cwd: plan.cwd,
      env: plan.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    entry.child = child;
    entry.lastPid = child.pid;
    entry.exited = new Promise((done) => {
      let ended = false;
      const end = (why) => {
        if (ended) return;
        ended = true;
        running.delete(child.pid);
        entry.child = null;
        done();
        if (stopping) return;
        if (Date.now() - startedAt > 60_000) entry.restarts = 0;
        if (entry.restarts >= maxRestarts) {
          entry.gaveUp = true;
          say.err(`${service.name} ${why}; gave up after ${maxRestarts} restarts (the others keep running)`);
          return;
        }
        const delay = restartDelayMs * 2 ** entry.restarts++;
        say.err(`${service.name} ${why}; restarting in ${delay / 1000}s`);
        entry.timer = setTimeout(() => start(entry), delay);
      };
      let why = "exited";
      child.on("exit", (code, signal) => {
        why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        // It crashed: whatever it spawned goes with it (and releases the output pipes).
        if (!stopping) signalGroup(child.pid, "SIGKILL");
      });
      // "close" comes after "exit" once its output is read to the end.
      child.on("close", () => end(why));
      child.on("error", (err) => end(`could not be started: ${err.message}`));
    });
    if (child.pid) running.add(child.pid);
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on("line", print.out);
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on("line", print.err);
  };

  // Last resort if this process dies some other way (an exception): leave nothing behind.
  process.on("exit", () => {
    for (const pid of running) signalGroup(pid, "SIGKILL");
  });

  let firstSignalAt = 0;
  const shutdown = async (signal) => {
    if (stopping) {
      // npm forwards the terminal's signal, so a second one arrives at once: only a
      // later one (Ctrl-C again) means "stop waiting".
      if (Date.now() - firstSignalAt > 2000) {
        say.err(`${signal} again: killing what is left`);
        for (const pid of running) signalGroup(pid, "SIGKILL");
      }
      return;
    }
    stopping = true;
    firstSignalAt = Date.now();
    say.out(`${signal}: stopping ${running.size} process(es)`);
    for (const entry of entries) clearTimeout(entry.timer);
    for (const pid of running) signalGroup(pid, "SIGTERM");
    const exited = Promise.all(entries.map((e) => e.exited));
    let timer;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise((r) => {
        timer = setTimeout(() => r(true), stopTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      say.err(`still running after ${stopTimeoutMs / 1000}s: killing ${[...running].join(", ")}`);
      for (const pid of running) signalGroup(pid, "SIGKILL");
      await exited;
    }
    // Grandchildren left in a child's group after it exited.
    for (const entry of entries) if (entry.lastPid) signalGroup(entry.lastPid, "SIGKILL");
    gateway.close();
    gateway.closeAllConnections();
    say.out("stopped");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void shutdown(signal));

  for (const entry of entries) start(entry);

  // ------------------------------------------------------------------ ready
  const deadline = Date.now() + readyTimeoutMs;
  const notReady = [];
  await Promise.all(
    entries.map(async (entry) => {
      const { service } = entry;
      if (!service.readyPath) return;
      const ok = await waitReady(service.port, service.readyPath, deadline, () => stopping || entry.gaveUp);
      if (!ok) notReady.push(service.name);
    }),
  );
  if (stopping) return;
  const skipped = services.length - entries.length;
  const note = skipped ? ` (${skipped} of ${services.length} services not built, see above)` : "";
  if (notReady.length) {
    say.err(`not ready: ${notReady.join(", ")} (see their logs above)`);
    say.out(`Ticketing is partly up: ${url}${note}`);
  } else {
    say.out(`Ticketing is up: ${url}${note}`);
    if (seedDemo && demoDataWanted()) await seedDemo(url, say);
  }
}

/** Demo data on an empty marketplace, with the demo accounts' credentials in the log. */
async function seedDemoMarketplace(url, say, mailUrl) {
  try {
    const result = await seedDemoData(url, { mailUrl });
    if (result.skipped) return;
    say.out(`demo data: ${result.events} demo events and ${result.listings} listings (DEMO_DATA=0 to skip)`);
    for (const account of DEMO_ACCOUNTS) {
      say.out(`demo ${account.role}: ${account.email} / ${account.password}`);
    }
  } catch (err) {
    say.err(`demo data not created: ${err.message}`);
  }
}

// `node scripts/dev/run-all.mjs`
if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const { PORTS, services } = await import("./services.mjs");
  const { ROUTES } = await import("./routes.mjs");
  const { readCredentials } = await import("../lib/nats-auth.mjs");
  const jwtKey = process.env.JWT_KEY || devJwtKey();
  const gatewayPort = Number(process.env.GATEWAY_PORT || PORTS.gateway);
  // The project's NATS (scripts/infra.sh, run before this): each service gets its own user.
  const nats = readCredentials();
  if (!nats) throw new Error("no NATS credentials: run `npm run infra` (scripts/infra.sh) first");
  await runAll({
    services: services({ jwtKey, gatewayUrl: `http://localhost:${gatewayPort}`, nats }),
    routes: ROUTES,
    gatewayPort,
    seedDemo: (url, say) => seedDemoMarketplace(url, say, `http://127.0.0.1:${PORTS.mailCatcher}`),
  });
}
