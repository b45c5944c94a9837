// Tests for the `npm start` supervisor: node --test scripts/dev/run-all.test.mjs
// Runs the real runAll() in a child process with fake services written to a temp folder.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { devJwtKey, planService } from "./run-all.mjs";
import { services } from "./services.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tmp = mkdtempSync(join(tmpdir(), "run-all-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const freePort = () =>
  new Promise((done) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

const get = (port, path) =>
  new Promise((done, fail) => {
    http
      .get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => done({ status: res.statusCode, body }));
      })
      .on("error", fail);
  });

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// A service that spawns a grandchild which ignores SIGTERM (it must still not survive),
// and with CRASH_ONCE exits 3 on its first start.
const FAKE = `
import http from "node:http";
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
const name = process.env.SERVICE_NAME;
if (process.env.CRASH_ONCE && !existsSync(process.env.CRASH_ONCE)) {
  writeFileSync(process.env.CRASH_ONCE, "");
  console.error("crashing on purpose");
  process.exit(3);
}
const grandchild = spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: "ignore" });
writeFileSync(process.env.PID_DIR + "/" + name, process.pid + " " + grandchild.pid);
const env = { PORT: process.env.PORT, GREETING: process.env.GREETING, JWT_KEY: process.env.JWT_KEY };
const server = http.createServer((req, res) => res.end(JSON.stringify({ name, url: req.url, env })));
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(name + " listening"));
process.on("SIGTERM", () => {
  console.log(name + " got SIGTERM");
  server.close();
  setTimeout(() => process.exit(0), 50);
});
`;

test("devJwtKey generates a private key once and keeps it", () => {
  const key = devJwtKey(tmp);
  assert.ok(key.length >= 32);
  assert.equal(devJwtKey(tmp), key);
  assert.equal(statSync(join(tmp, ".local", "dev-jwt-key")).mode & 0o777, 0o600);
});

test("under npm start every service and the client listen on 127.0.0.1 only (issue 12, finding 9)", () => {
  for (const service of services({ jwtKey: "k".repeat(32), gatewayUrl: "http://localhost:8080" })) {
    if (service.name === "paypal-emulator") continue; // its own bind rule (PAYPAL emulator README)
    if (service.name === "client") assert.deepEqual(service.command.slice(-2), ["-H", "127.0.0.1"]);
    else assert.equal(service.env.HOST, "127.0.0.1", service.name);
  }
});

test("planService: env overrides, PORT per service, unbuilt services skipped, next resolved", () => {
  const service = {
    name: "x",
    cwd: "x",
    command: ["node", "--enable-source-maps", "dist/index.js"],
    port: 4000,
    env: { PORT: "4000", A: "table", B: "table" },
  };
  mkdirSync(join(tmp, "x", "dist"), { recursive: true });
  assert.match(planService(service, { root: tmp }).skip, /x\/dist\/index\.js is not built yet/);
  writeFileSync(join(tmp, "x", "dist", "index.js"), "");
  const plan = planService(service, { root: tmp, env: { A: "env", PORT: "1", PATH: "/bin" } });
  assert.equal(plan.command, process.execPath);
  assert.deepEqual(plan.args, ["--enable-source-maps", "dist/index.js"]);
  assert.equal(plan.cwd, join(tmp, "x"));
  assert.equal(plan.env.A, "env");
  assert.equal(plan.env.B, "table");
  assert.equal(plan.env.PORT, "4000");
  assert.match(planService({ ...service, cwd: "missing" }, { root: tmp }).skip, /no missing\/ folder/);

  // The client: `next` comes from the (hoisted) node_modules, and needs a production build.
  const client = {
    name: "client",
    cwd: "client",
    command: ["next", "start", "-p", "3000"],
    port: 3000,
    env: { PORT: "3000" },
  };
  mkdirSync(join(tmp, "client"));
  writeFileSync(join(tmp, "client", "package.json"), "{}");
  symlinkSync(join(ROOT, "node_modules"), join(tmp, "node_modules"));
  assert.match(planService(client, { root: tmp }).skip, /client\/\.next has no production build/);
  mkdirSync(join(tmp, "client", ".next"));
  writeFileSync(join(tmp, "client", ".next", "BUILD_ID"), "x");
  const next = planService(client, { root: tmp });
  assert.equal(next.command, process.execPath);
  assert.match(next.args[0], /node_modules\/next\/dist\/bin\/next$/);
  assert.ok(existsSync(next.args[0]));
  assert.deepEqual(next.args.slice(1), ["start", "-p", "3000"]);
});

test("runs the services behind the gateway, restarts a crash, and stops everything on SIGINT", async () => {
  const dir = join(tmp, "fake");
  mkdirSync(join(dir, "pids"), { recursive: true });
  writeFileSync(join(dir, "package.json"), "{}");
  writeFileSync(join(dir, "fake.mjs"), FAKE);
  const [alphaPort, betaPort] = [await freePort(), await freePort()];
  const fake = (name, port, env = {}) => ({
    name,
    cwd: dir,
    command: ["node", "fake.mjs"],
    port,
    readyPath: "/ready",
    env: {
      PORT: String(port),
      SERVICE_NAME: name,
      GREETING: "table",
      PID_DIR: join(dir, "pids"),
      JWT_KEY: "k",
      ...env,
    },
  });
  const options = {
    root: tmp,
    gatewayPort: 0,
    restartDelayMs: 100,
    stopTimeoutMs: 5000,
    services: [
      fake("alpha", alphaPort),
      fake("beta", betaPort, { CRASH_ONCE: join(dir, "crashed") }),
      { name: "gamma", cwd: dir, command: ["node", "dist/index.js"], port: 1, env: {} },
    ],
    routes: [
      { prefix: "/api/beta", service: "beta", port: betaPort },
      { prefix: "/", service: "alpha", port: alphaPort },
    ],
  };
  writeFileSync(
    join(dir, "harness.mjs"),
    `import { runAll } from ${JSON.stringify(pathToFileURL(join(ROOT, "scripts/dev/run-all.mjs")).href)};\nawait runAll(${JSON.stringify(options)});\n`,
  );
  // Its own process group, like a terminal's foreground job.
  const runner = spawn(process.execPath, [join(dir, "harness.mjs")], {
    env: { ...process.env, GREETING: "from-env", PORT: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  runner.stdout.on("data", (d) => {
    output += d;
  });
  runner.stderr.on("data", (d) => {
    output += d;
  });
  const exited = new Promise((done) => runner.on("exit", (code, signal) => done({ code, signal })));
  let pids = [];
  try {
    const deadline = Date.now() + 15_000;
    while (!/Ticketing is up: http:\/\/localhost:\d+/.test(output)) {
      assert.ok(Date.now() < deadline, `no "up" line in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const gatewayPort = Number(/Ticketing is up: http:\/\/localhost:(\d+)/.exec(output)[1]);
    assert.match(output, /^runner +\| skipping gamma: .*dist\/index\.js is not built yet/m);
    assert.match(output, /^beta +\| crashing on purpose$/m);
    assert.match(output, /^runner +\| beta exited with code 3; restarting in 0\.1s$/m);
    assert.match(output, /^alpha +\| alpha listening$/m);

    const alpha = JSON.parse((await get(gatewayPort, "/some/page")).body);
    assert.equal(alpha.name, "alpha");
    assert.deepEqual(alpha.env, { PORT: String(alphaPort), GREETING: "from-env", JWT_KEY: "k" });
    const beta = JSON.parse((await get(gatewayPort, "/api/beta/x")).body);
    assert.equal(beta.name, "beta");
    assert.equal(beta.url, "/api/beta/x");

    pids = ["alpha", "beta"].flatMap((n) =>
      readFileSync(join(dir, "pids", n), "utf8")
        .split(" ")
        .map(Number),
    );
    assert.ok(pids.every(alive));
    // Ctrl-C: the terminal signals the group, and npm forwards it once more.
    process.kill(-runner.pid, "SIGINT");
    process.kill(runner.pid, "SIGINT");
    assert.deepEqual(await exited, { code: 0, signal: null });
    assert.match(output, /^alpha +\| alpha got SIGTERM$/m);
    assert.match(output, /^runner +\| stopped$/m);
    const settle = Date.now() + 3000;
    while (pids.some(alive) && Date.now() < settle) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(pids.filter(alive), [], "no process left behind");
  } finally {
    // On failure, leave nothing running either.
    if (runner.exitCode === null) process.kill(-runner.pid, "SIGKILL");
    for (const pid of pids.filter(alive)) process.kill(pid, "SIGKILL");
  }
});
