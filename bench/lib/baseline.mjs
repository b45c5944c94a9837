// Starts the bare Express 5 + pg app (../baseline/server.mjs) on its own database.
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { databaseUrl, dropDatabases, recreateDatabases } from "./infra.mjs";
import { watchRows } from "./observe.mjs";
import { freePort, sleep, startProcess, stopProcess, waitReady } from "./processes.mjs";
import { ROOT } from "./stack.mjs";
import { summary } from "./stats.mjs";

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
    databaseUrl: databaseUrl(name),
    pid: handle.pid,
    readyMs,
    async stop() {
      await stopProcess(handle);
      await dropDatabases([name]);
    },
  };
}

const runScript = (script, args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bench/baseline", script), ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} ${args.join(" ")} exited with ${code}`)),
    );
  });

/** B3's baseline (../baseline/propagation.mjs): commit → commit over bare JetStream, same rate and observation. */
export async function propagationBaseline({ baseline, nats, dir, rate, seconds }) {
  const env = {
    DATABASE_URL: baseline.databaseUrl,
    NATS_URL: nats.url,
    NATS_USER: nats.connection.user,
    NATS_PASSWORD: nats.connection.pass,
    RATE: String(rate),
    SECONDS: String(seconds),
  };
  await runScript("propagation.mjs", ["setup"], env);
  const source = await watchRows(baseline.databaseUrl, { table: "prop_source", channel: "bench_prop_source" });
  const replica = await watchRows(baseline.databaseUrl, { table: "prop_replica", channel: "bench_prop_replica" });
  const consumer = startProcess({
    command: process.execPath,
    args: [join(ROOT, "bench/baseline/propagation.mjs"), "consume"],
    cwd: ROOT,
    env: { ...process.env, ...env },
    logFile: join(dir, "logs", "baseline-propagation.log"),
  });
  await sleep(1000);
  await runScript("propagation.mjs", ["publish"], env);
  const ids = [...source.seen.keys()];
  await replica.waitFor(ids, 30_000);
  await stopProcess(consumer);
  const latencies = ids.filter((id) => replica.seen.has(id)).map((id) => replica.seen.get(id) - source.seen.get(id));
  await source.close();
  await replica.close();
  return { sent: ids.length, ...summary(latencies), latencies };
}

/** B5's baseline (../baseline/expiry.mjs): lateness of bare BullMQ delayed jobs doing one UPDATE. */
export async function expiryBaseline({ baseline, redisUrl, count, dueInMs }) {
  const env = {
    DATABASE_URL: baseline.databaseUrl,
    REDIS_URL: redisUrl,
    COUNT: String(count),
    DUE_IN_MS: String(dueInMs),
  };
  await runScript("expiry.mjs", ["setup"], env);
  const cancelled = await watchRows(baseline.databaseUrl, {
    table: "expiring",
    channel: "bench_expiring_cancelled",
    on: "update",
    when: "NEW.status = 'cancelled' AND OLD.status <> 'cancelled'",
  });
  await runScript("expiry.mjs", [], env);
  await sleep(500);
  const pool = new (await import("pg")).default.Pool({ connectionString: baseline.databaseUrl, max: 1 });
  const { rows } = await pool.query("select id, expires_at from expiring");
  await pool.end();
  const lateness = rows
    .filter((r) => cancelled.seen.has(r.id))
    .map((r) => performance.timeOrigin + cancelled.seen.get(r.id) - r.expires_at.getTime());
  await cancelled.close();
  return { count: rows.length, cancelled: lateness.length, ...summary(lateness) };
}
