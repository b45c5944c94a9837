// The one table `npm run bench` prints, the same table as Markdown (for the README) and
// the JSON file in the git-ignored bench-results/ folder.
import { execSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

/** What the figures were measured on: they mean little without it. */
export function machine() {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    const match = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match) cpu = match[1].trim();
  } catch {}
  const version = (cmd) => {
    try {
      return execSync(cmd, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
        .trim()
        .split("\n")[0];
    } catch {
      return "unknown";
    }
  };
  return {
    nproc: Number(version("nproc")) || cpus().length,
    memoryGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    cpu,
    node: process.version,
    postgres: version("psql -w -h 127.0.0.1 -U postgres -tAc 'show server_version'"),
    nats: version("nats-server --version"),
    redis: version("redis-server --version").replace(/^Redis server v=(\S+).*/, "$1"),
  };
}

const fmt = (v) => (v === null || v === undefined ? "—" : typeof v === "number" ? String(v) : v);

/**
 * @param {Array<{ id: string, workload: string, figure: string, value: any, baseline?: any, ratio?: number|null, target: string, met?: boolean|null }>} rows
 */
export function renderTable(rows, { markdown = false } = {}) {
  const head = ["#", "workload", "figure", "measured", "baseline", "ratio", "target", "met"];
  const body = rows.map((r) => [
    r.id,
    r.workload,
    r.figure,
    fmt(r.value),
    fmt(r.baseline),
    r.ratio === null || r.ratio === undefined ? "—" : r.ratio.toFixed(2),
    r.target,
    r.met === null || r.met === undefined ? "—" : r.met ? "yes" : "NO",
  ]);
  if (markdown) {
    const line = (cells) => `| ${cells.join(" | ")} |`;
    return [line(head), line(head.map(() => "---")), ...body.map(line)].join("\n");
  }
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** The Markdown of `rows` (all of the run's by default) with the line saying what they were measured on. */
export function renderMarkdown(result, rows = result.rows) {
  const m = result.machine;
  return [
    `Measured ${result.startedAt} on ${m.nproc} vCPU (${m.cpu}), ${m.memoryGiB} GiB RAM, Node ${m.node}, PostgreSQL ${m.postgres}, ${m.nats}, Redis ${m.redis}; load generator, services and databases on the same machine (loopback).`,
    "",
    renderTable(rows, { markdown: true }),
  ].join("\n");
}

export function writeResults(dir, result) {
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, "-");
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(join(dir, `bench-${stamp}.json`), json);
  writeFileSync(join(dir, "latest.json"), json);
  writeFileSync(join(dir, "latest.md"), `${renderMarkdown(result)}\n`);
  return join(dir, `bench-${stamp}.json`);
}
