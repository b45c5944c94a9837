// CPU time of the processes a workload sets in motion, from /proc/<pid>/stat (utime + stime),
// sampled right before and after a load window: unlike req/s on shared cores, CPU-seconds
// per request do not depend on how busy the machine is, so they say where the work goes.
// A harness process leads its own process group (processes.mjs spawns detached), so a
// group's CPU is the sum over the processes in it; PostgreSQL's backends are found by the
// databases they serve (pg_stat_activity), since the server itself is shared.
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { pgAdminUrl } from "./infra.mjs";

const TICKS_PER_S = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** [pgid, cpu seconds] of a process, or null when it is gone. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may contain spaces) in parentheses.
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return [Number(f[2]), (Number(f[11]) + Number(f[12])) / TICKS_PER_S];
  } catch {
    return null;
  }
}

function allProcesses() {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (s) out.push({ pid: Number(name), pgid: s[0], cpu: s[1] });
  }
  return out;
}

/**
 * @param {{ groups: Record<string, number | undefined>, databases?: Record<string, string[]> }} what
 *   groups: label → pid of a process-group leader (a service, nats-server, the gateway…)
 *   databases: label → databases whose PostgreSQL backends to count under that label
 * @returns {() => Promise<object>} takes a snapshot (for `cpuBetween`); "load generator" is this
 *   process (autocannon runs in it)
 */
export function cpuSampler({ groups, databases = {} }) {
  return async function snapshot() {
    const snap = { groups: {}, backends: {} };
    const procs = allProcesses();
    for (const [label, leader] of Object.entries(groups)) {
      if (!leader) continue;
      snap.groups[label] = procs.filter((p) => p.pgid === leader).reduce((s, p) => s + p.cpu, 0);
    }
    const dbs = Object.values(databases).flat();
    if (dbs.length) {
      const client = new pg.Client({ connectionString: pgAdminUrl() });
      await client.connect();
      try {
        const { rows } = await client.query(
          "select pid, datname from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()",
          [dbs],
        );
        for (const { pid, datname } of rows) {
          const label = Object.keys(databases).find((l) => databases[l].includes(datname));
          const s = stat(pid);
          if (s) snap.backends[pid] = { label, cpu: s[1] };
        }
      } finally {
        await client.end();
      }
    }
    const own = process.cpuUsage();
    snap.groups["load generator"] = (own.user + own.system) / 1e6;
    return snap;
  };
}

/** CPU seconds per label between two snapshots (a backend that appeared in between counts from 0). */
export function cpuBetween(before, after) {
  const out = {};
  for (const [label, cpu] of Object.entries(after.groups)) out[label] = cpu - (before.groups[label] ?? cpu);
  for (const [pid, { label, cpu }] of Object.entries(after.backends)) {
    out[label] = (out[label] ?? 0) + cpu - (before.backends[pid]?.cpu ?? 0);
  }
  return out;
}

/** Adds b's seconds into a. */
export function addCpu(a, b) {
  for (const [label, s] of Object.entries(b)) a[label] = (a[label] ?? 0) + s;
  return a;
}

/** A sampler of every process of a bench stack: its services, gateway, NATS, Redis and each service's PostgreSQL backends. */
export function stackCpuSampler(stack) {
  const service = (db) => db.slice(stack.prefix.length + 1);
  return cpuSampler({
    groups: {
      ...Object.fromEntries(stack.instances.map((i) => [i.index ? `${i.name}#${i.index}` : i.name, i.handle?.pid])),
      gateway: stack.gateway?.pid,
      "nats-server": stack.nats.pid,
      "redis-server": stack.redis.pid,
    },
    databases: Object.fromEntries(stack.databases.map((db) => [`postgres (${service(db)})`, [db]])),
  });
}
