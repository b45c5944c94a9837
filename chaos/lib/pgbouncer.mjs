// A PgBouncer of the harness's own (Debian's package, installed by scripts/infra.sh) in
// front of the shared PostgreSQL, in TRANSACTION pooling mode: a server connection is
// lent to a client for one transaction only, so anything session-scoped (a session
// advisory lock, LISTEN, SET) lands on whichever server connection the next client gets.
// That is the mode docs/scaling.md recommends and the one that broke the services in
// issue 19 (finding 4). Loopback only, on a free port, trust auth (as the shared server).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pgAdminUrl } from "../../bench/lib/infra.mjs";
import { freePort, portOpen, sleep, startProcess, stopProcess, tail } from "../../bench/lib/processes.mjs";

/** The pgbouncer binary (Debian installs it in /usr/sbin, which a non-root PATH may lack). */
export function pgbouncerBinary() {
  for (const candidate of ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync("sh", ["-c", "command -v pgbouncer"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Starts PgBouncer in transaction mode in `dir`. `stop()` / `start()` restart it on the same
 * port (clients see their connections dropped and reconnect, as in a pooler restart).
 * @returns {Promise<{ port: number, url: (database: string) => string, start(): Promise<void>, stop(signal?: string): Promise<void>, pid: number | undefined }>}
 */
export async function ownPgbouncer(dir, { poolSize = 20 } = {}) {
  const binary = pgbouncerBinary();
  if (!binary)
    throw new Error("pgbouncer is not installed: run `bash scripts/infra.sh` (it installs Debian's package)");
  const admin = new URL(pgAdminUrl());
  const user = decodeURIComponent(admin.username || "postgres");
  const folder = join(dir, "pgbouncer");
  mkdirSync(folder, { recursive: true });
  const port = await freePort();
  const lines = [
    "[databases]",
    // Every database name is forwarded to the same server: the harness's databases are made per run.
    `* = host=${admin.hostname} port=${admin.port || 5432}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "pool_mode = transaction",
    "auth_type = trust",
    `auth_file = ${join(folder, "users.txt")}`,
    `default_pool_size = ${poolSize}`,
    "max_client_conn = 2000",
    "server_reset_query =",
    // pg sends these when asked to; the services turn them off behind PgBouncer
    // (DATABASE_SESSION_SETTINGS=false), the harness's own clients never send them.
    "ignore_startup_parameters = extra_float_digits",
    `logfile = ${join(folder, "pgbouncer.log")}`,
    `pidfile = ${join(folder, "pgbouncer.pid")}`,
  ];
  // PgBouncer refuses to run as root: it switches to the postgres user (which must then read the files).
  if (process.getuid?.() === 0) lines.push("user = postgres");
  writeFileSync(join(folder, "users.txt"), `"${user}" ""\n`);
  writeFileSync(join(folder, "pgbouncer.ini"), `${lines.join("\n")}\n`);
  if (process.getuid?.() === 0) {
    for (const d of [dir, folder]) chmodSync(d, 0o755);
    execFileSync("chown", ["postgres", folder]);
  }
  let handle = null;
  const bouncer = {
    port,
    /** A connection string for `database` through PgBouncer. */
    url(database) {
      const u = new URL(pgAdminUrl());
      u.port = String(port);
      u.pathname = `/${database}`;
      return u.toString();
    },
    get pid() {
      return handle?.pid;
    },
    async start() {
      handle = startProcess({
        command: binary,
        args: [join(folder, "pgbouncer.ini")],
        env: process.env,
        logFile: join(folder, "stdout.log"),
      });
      const deadline = Date.now() + 10_000;
      while (!(await portOpen(port))) {
        if (!handle.alive() || Date.now() > deadline)
          throw new Error(`pgbouncer did not start:\n${tail(join(folder, "stdout.log"))}`);
        await sleep(50);
      }
    },
    async stop(signal = "SIGTERM") {
      await stopProcess(handle, signal);
    },
  };
  await bouncer.start();
  return bouncer;
}
