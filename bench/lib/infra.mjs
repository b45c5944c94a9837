// The infrastructure a harness run owns: its own nats-server and redis-server on free
// loopback ports (so stopping them never disturbs the machine's shared servers or other
// engineers' tests) and its own databases on the shared PostgreSQL, dropped and created
// fresh for each run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { localNatsConfig, passwordsFor, TEST_USER } from "../../scripts/lib/nats-auth.mjs";
import { freePort, portOpen, sleep, startProcess, stopProcess, tail } from "./processes.mjs";

/** Admin connection to the shared PostgreSQL (trust auth on loopback, as scripts/infra.sh sets up). */
export const pgAdminUrl = () => process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** `name` on the server of `adminUrl` (default: the shared PostgreSQL of BENCH_PG_ADMIN_URL). */
export function databaseUrl(name, adminUrl = pgAdminUrl()) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin(fn, adminUrl = pgAdminUrl()) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops (with force: a crashed earlier run may hold connections) and creates each database. */
export async function recreateDatabases(names, adminUrl) {
  await withAdmin(async (admin) => {
    for (const name of names) {
      if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.query(`create database "${name}"`);
    }
  }, adminUrl);
}

export async function dropDatabases(names, adminUrl) {
  await withAdmin(async (admin) => {
    for (const name of names) await admin.query(`drop database if exists "${name}" with (force)`);
  }, adminUrl);
}

async function waitPort(port, handle, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!handle.alive()) throw new Error(`${what} exited at start:\n${tail(handle.logFile)}`);
    if (await portOpen(port)) return;
    await sleep(50);
  }
  throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
}

/**
 * A nats-server with JetStream whose store survives restarts (`stop()` then `start()`
 * on the same port and folder), which is what C2 needs. It has the same users and
 * permissions as the project's NATS (scripts/lib/nats-auth.mjs): `passwords` per service
 * for the services, `connection` (the test user) for the harness's own reads.
 */
export async function ownNats(dir) {
  const port = await freePort();
  const storeDir = join(dir, "nats");
  mkdirSync(storeDir, { recursive: true });
  const passwords = passwordsFor();
  const configFile = join(dir, "nats.conf");
  writeFileSync(configFile, localNatsConfig({ port, storeDir, passwords }), { mode: 0o600 });
  let handle = null;
  const url = `nats://127.0.0.1:${port}`;
  const nats = {
    port,
    url,
    passwords,
    connection: { servers: url, user: TEST_USER, pass: passwords[TEST_USER] },
    get pid() {
      return handle?.pid;
    },
    async start() {
      handle = startProcess({
        // NATS_SERVER_BIN: another build to run the harness against (e.g. a 2.10 binary).
        command: process.env.NATS_SERVER_BIN || "nats-server",
        args: ["-c", configFile],
        env: process.env,
        logFile: join(dir, "nats.log"),
      });
      await waitPort(port, handle, "nats-server");
    },
    /** SIGKILL by default: an outage, not a graceful maintenance stop. */
    async stop(signal = "SIGKILL") {
      await stopProcess(handle, signal);
    },
  };
  await nats.start();
  return nats;
}

/** A throw-away redis-server (no persistence: the harness never restarts it). */
export async function ownRedis(dir) {
  const port = await freePort();
  const handle = startProcess({
    command: "redis-server",
    args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    env: process.env,
    logFile: join(dir, "redis.log"),
  });
  await waitPort(port, handle, "redis-server");
  return { port, pid: handle.pid, url: `redis://127.0.0.1:${port}`, stop: () => stopProcess(handle, "SIGTERM") };
}
