// The `dev` image target's entry point (what `skaffold dev` runs): starts the service,
// and when skaffold syncs changed TypeScript sources into the container, rebuilds with
// the same `npm run build` that `npm test` runs and restarts the service. A failed build
// leaves the running process alone, so a typo does not take the pod down.
//
//   node infra/docker/dev-watch.mjs <workspace folder>     (from the repository root)
//
// Sources of `common` are watched too: a change there rebuilds common, then the service.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const folder = process.argv[2];
const DEBOUNCE_MS = Number(process.env.DEV_WATCH_DEBOUNCE_MS || 300);

if (!folder || !fs.existsSync(path.join(root, folder, "package.json"))) {
  console.error(`usage: node infra/docker/dev-watch.mjs <workspace folder> (no ${folder}/package.json in ${root})`);
  process.exit(2);
}

const packageName = (dir) => JSON.parse(fs.readFileSync(path.join(root, dir, "package.json"), "utf8")).name;
const log = (line) => console.log(`[dev-watch] ${line}`);

// Only workspaces present in the image are watched: the emulator's image has no common.
const watched = ["common", folder].filter(
  (dir, i, all) => all.indexOf(dir) === i && fs.existsSync(path.join(root, dir, "src")),
);

let child;
let stopping = false;

function startService() {
  child = spawn(process.execPath, ["--enable-source-maps", "dist/index.js"], {
    cwd: path.join(root, folder),
    stdio: "inherit",
  });
  const current = child;
  current.on("exit", (code, signal) => {
    if (current !== child) return; // a restart we asked for
    if (stopping) process.exit(code ?? 0);
    // Crashed on its own: keep the watcher up so the next sync can fix it.
    log(`service exited (${signal ?? code}); waiting for a change to restart it`);
    child = undefined;
  });
}

async function stopService() {
  const current = child;
  child = undefined;
  if (!current || current.exitCode !== null || current.signalCode !== null) return;
  await new Promise((resolve) => {
    current.once("exit", resolve);
    current.kill("SIGTERM"); // the service's graceful shutdown (SHUTDOWN_TIMEOUT_MS)
  });
}

function build(dirs) {
  const args = ["run", "build", ...dirs.flatMap((dir) => ["-w", packageName(dir)])];
  return new Promise((resolve) => {
    const npm = spawn("npm", args, { cwd: root, stdio: "inherit" });
    npm.on("exit", (code) => resolve(code === 0));
    npm.on("error", () => resolve(false));
  });
}

// Changes arrive in bursts (skaffold copies several files at once): one rebuild per burst.
const changed = new Set();
let timer;
let running = Promise.resolve();

function onChange(dir) {
  changed.add(dir);
  clearTimeout(timer);
  timer = setTimeout(() => {
    running = running.then(rebuild);
  }, DEBOUNCE_MS);
}

async function rebuild() {
  if (changed.size === 0 || stopping) return;
  // common first: the service compiles against its declarations.
  const dirs = changed.has("common") ? watched : [folder];
  changed.clear();
  log(`rebuilding ${dirs.join(", ")}`);
  if (!(await build(dirs))) {
    log("build failed; the previous version keeps running");
    return;
  }
  await stopService();
  if (!stopping) {
    log("restarting");
    startService();
  }
}

for (const dir of watched) {
  fs.watch(path.join(root, dir, "src"), { recursive: true }, () => onChange(dir));
}

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    stopping = true;
    clearTimeout(timer);
    if (child) child.kill(signal);
    else process.exit(0);
  });
}

log(`watching ${watched.map((dir) => `${dir}/src`).join(", ")}`);
startService();
