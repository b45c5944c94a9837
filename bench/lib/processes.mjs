// Child processes for the benchmark and chaos harnesses: free ports, spawning with logs
// in a file, readiness polling, kill -9 and resident memory. Loopback only.
import { spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port nothing listens on right now (the OS picks it; we close and hand it out). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** GET http://127.0.0.1:port/path → status code, or 0 when nothing answered in time. */
export function probe(port, path, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path, timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

/**
 * Polls until GET path answers below 400. Resolves with the milliseconds since
 * `since` (a performance.now() value), rejects at the deadline or if `exited()` says so.
 */
export async function waitReady(
  port,
  path,
  { since = performance.now(), timeoutMs = 60_000, exited = () => false, intervalMs = 20 } = {},
) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited()) throw new Error(`the process for port ${port} exited before ${path} answered`);
    const status = await probe(port, path, 1000);
    if (status > 0 && status < 400) return performance.now() - since;
    await sleep(intervalMs);
  }
  throw new Error(`127.0.0.1:${port}${path} not ready within ${timeoutMs} ms`);
}

/**
 * Spawns `command args` with stdout+stderr appended to `logFile` (written by the child
 * itself, so logging costs the harness nothing). Returns a handle with the pid, an
 * `exited` promise and `alive()`.
 */
export function startProcess({ command, args = [], cwd, env, logFile }) {
  const fd = openSync(logFile, "a");
  const startedAt = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", fd, fd], detached: true });
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.once("error", (err) => {
      exitInfo = { code: null, signal: null, error: err };
      resolve(exitInfo);
    });
  });
  return {
    pid: child.pid,
    startedAt,
    logFile,
    exited,
    alive: () => exitInfo === null,
    exitInfo: () => exitInfo,
  };
}

/** Sends `signal` to the process (and its group: it leads one) and waits for it to exit. */
export async function stopProcess(handle, signal = "SIGTERM", graceMs = 10_000) {
  if (!handle?.alive()) return handle?.exitInfo();
  const send = (sig) => {
    try {
      process.kill(-handle.pid, sig);
    } catch {
      try {
        process.kill(handle.pid, sig);
      } catch {}
    }
  };
  send(signal);
  const timer = setTimeout(() => send("SIGKILL"), graceMs);
  const info = await handle.exited;
  clearTimeout(timer);
  return info;
}

/** Resident set size of a process in MB (VmRSS from /proc), or null if it is gone. */
export function rssMb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Last lines of a log file, for error messages. */
export function tail(file, lines = 20) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
