// A PostgreSQL server of the run's own (the installed server binaries, initdb in the run
// folder, a free loopback port, trust auth) for ONE service's database, so that a scenario
// can stop it (C7) without touching the shared server everyone else's tests use.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../../bench/lib/processes.mjs";

/** The newest installed PostgreSQL's server binaries (Debian keeps them off PATH), as scripts/infra.sh finds them. */
function pgBindir() {
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, "bin", "pg_ctl")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], "bin");
  }
  try {
    const ctl = execFileSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).trim();
    return ctl ? join(ctl, "..") : null;
  } catch {
    return null;
  }
}

/**
 * initdb + start. `stop()` is `pg_ctl stop -m fast` (connections are closed, as in a
 * maintenance stop or a failover), `start()` brings it back on the same port and data.
 * @returns {Promise<{ port: number, adminUrl: string, start(): Promise<void>, stop(): Promise<void> }>}
 */
export async function privatePostgres(dir, name = "pg") {
  const bin = pgBindir();
  if (!bin) throw new Error("PostgreSQL server binaries not found (scripts/infra.sh installs them)");
  const data = join(dir, name);
  mkdirSync(data, { recursive: true });
  const root = process.getuid?.() === 0;
  // The server refuses to run as root: as root, run it as the postgres user.
  const run = (cmd, args) =>
    root
      ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args], { stdio: "pipe" })
      : execFileSync(join(bin, cmd), args, { stdio: "pipe" });
  if (root) {
    chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres", data]);
    chmodSync(data, 0o700);
  }
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${data}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c max_connections=200",
  ].join(" ");
  const server = {
    port,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      run("pg_ctl", ["-D", data, "-o", options, "-l", join(data, "server.log"), "-w", "-t", "60", "start"]);
    },
    async stop() {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
    },
  };
  await server.start();
  return server;
}
