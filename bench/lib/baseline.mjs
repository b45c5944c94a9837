// Starts the bare Express 5 + pg app (../baseline/server.mjs) on its own database.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { databaseUrl, dropDatabases, recreateDatabases } from "./infra.mjs";
import { freePort, startProcess, stopProcess, waitReady } from "./processes.mjs";
import { ROOT } from "./stack.mjs";

export async function startBaseline({ prefix, dir, rows = 10_000 }) {
  const name = `${prefix}_baseline`;
  await recreateDatabases([name]);
  const env = { ...process.env, DATABASE_URL: databaseUrl(name) };
  const script = join(ROOT, "bench/baseline/server.mjs");
  execFileSync(process.execPath, [script, "--seed", String(rows)], { env, stdio: "inherit" });
  const port = await freePort();
  const handle = startProcess({
    command: process.execPath,
    args: [script],
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    logFile: join(dir, "logs", "baseline.log"),
  });
  // The baseline has no /readyz: its first answer to /read is when it can serve.
  const readyMs = await waitReady(port, "/read", { since: handle.startedAt, exited: () => !handle.alive() });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: handle.pid,
    readyMs,
    async stop() {
      await stopProcess(handle);
      await dropDatabases([name]);
    },
  };
}
