// Redis as deployed (issue 12 finding 1, issue 19 finding 6): a password everywhere (the
// Secret redis in Kubernetes, compose's generated .env), the expiration service's REDIS_URL
// carrying it, and maxmemory set below the container's limit with noeviction, which BullMQ
// needs. The Kubernetes command line is also run with the real redis-server.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import YAML from "yaml";
import { k8sDevSecrets, k8sProdSecrets } from "../secrets.mjs";
import { find, OVERLAYS, readText, renderOverlay, secretExamples } from "./lib/repo.mjs";

const compose = YAML.parse(readText("docker-compose.yml"), { uniqueKeys: true, merge: true });
const flag = (args, name) => args[args.indexOf(name) + 1];
const MI = 1024 * 1024;
/** 192mb, 1gb → bytes (Redis: mb = 1024², m = 10⁶). */
const redisBytes = (v) => {
  const [, n, unit] = /^(\d+)(b|k|kb|m|mb|g|gb)?$/i.exec(v);
  return Number(n) * { b: 1, k: 1e3, kb: 1024, m: 1e6, mb: MI, g: 1e9, gb: 1024 * MI }[(unit ?? "b").toLowerCase()];
};
const kubeBytes = (v) => {
  const [, n, unit] = /^(\d+)(Mi|Gi)$/.exec(v);
  return Number(n) * (unit === "Gi" ? 1024 * MI : MI);
};

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay.name}: Redis`, () => {
    const resources = renderOverlay(overlay.name);
    const redis = find(resources, "StatefulSet", "redis").spec.template.spec.containers[0];
    const env = Object.fromEntries((redis.env ?? []).map((e) => [e.name, e.valueFrom?.secretKeyRef]));

    it("requires the password of the Secret redis, and its probes authenticate", () => {
      assert.equal(flag(redis.args, "--requirepass"), "$(REDIS_PASSWORD)");
      assert.deepEqual(env.REDIS_PASSWORD, { name: "redis", key: "REDIS_PASSWORD" });
      assert.deepEqual(env.REDISCLI_AUTH, { name: "redis", key: "REDIS_PASSWORD" });
    });

    it("keeps BullMQ's keys: noeviction with maxmemory below the memory limit", () => {
      assert.equal(flag(redis.args, "--maxmemory-policy"), "noeviction");
      const max = redisBytes(flag(redis.args, "--maxmemory"));
      const limit = kubeBytes(redis.resources.limits.memory);
      assert.ok(max > 0 && max <= limit * 0.75, `maxmemory ${max} leaves room under the ${limit} limit`);
      assert.ok(kubeBytes(redis.resources.requests.memory) >= max, "requests cover maxmemory");
    });

    it("the expiration service connects with the URL of the Secret redis, which holds the password", () => {
      const c = find(resources, "Deployment", "expiration").spec.template.spec.containers[0];
      const url = c.env.find((e) => e.name === "REDIS_URL");
      assert.deepEqual(url?.valueFrom?.secretKeyRef, { name: "redis", key: "REDIS_URL" });
      assert.equal(find(resources, "ConfigMap", "expiration-config").data.REDIS_URL, undefined, "no password-less URL");
      const example = secretExamples(overlay.dev).redis;
      assert.equal(new URL(example.REDIS_URL).password, example.REDIS_PASSWORD);
      for (const secrets of [k8sDevSecrets(), k8sProdSecrets()]) {
        const { REDIS_URL, REDIS_PASSWORD } = secrets.redis.data;
        assert.equal(new URL(REDIS_URL).password, REDIS_PASSWORD);
        assert.equal(new URL(REDIS_URL).hostname, "redis");
        assert.ok(REDIS_PASSWORD.length >= 40, "random");
      }
    });
  });
}

describe("docker-compose: Redis", () => {
  it("requires the generated password; the expiration URL and the health check carry it", () => {
    const redis = compose.services.redis;
    assert.match(flag(redis.command, "--requirepass"), /^\$\{REDIS_PASSWORD:\?[^}]*REDIS_PASSWORD/);
    assert.equal(redis.environment.REDISCLI_AUTH, flag(redis.command, "--requirepass"));
    assert.equal(flag(redis.command, "--maxmemory-policy"), "noeviction");
    assert.ok(redisBytes(flag(redis.command, "--maxmemory")) > 0);
    assert.match(
      compose.services.expiration.environment.REDIS_URL,
      /^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379$/,
    );
  });
});

describe("the Kubernetes Redis command line on a real redis-server", () => {
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  let server;
  let port;

  const send = (commands) =>
    new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1");
      let out = "";
      socket.on("data", (chunk) => {
        out += chunk;
        if (out.split("\r\n").length > commands.length) socket.end();
      });
      socket.on("end", () => resolve(out));
      socket.on("error", reject);
      socket.write(commands.map((c) => `${c}\r\n`).join(""));
    });

  before(async () => {
    const redis = find(renderOverlay("prod"), "StatefulSet", "redis").spec.template.spec.containers[0];
    port = await new Promise((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const p = probe.address().port;
        probe.close(() => resolve(p));
      });
    });
    // As the kubelet expands it; no files: no AOF, no data folder.
    const args = redis.args
      .map((a) => a.replace("$(REDIS_PASSWORD)", password))
      .map((a, i, all) => (all[i - 1] === "--appendonly" ? "no" : all[i - 1] === "--dir" ? "/tmp" : a));
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    await new Promise((resolve, reject) => {
      server.stdout.on("data", (chunk) => {
        log += chunk;
        if (log.includes("Ready to accept connections")) resolve();
      });
      server.on("exit", (code) => reject(new Error(`redis-server exited ${code}: ${log}`)));
    });
  });
  after(() => server?.kill());

  it("refuses commands without the password, accepts them with it, and never evicts", async () => {
    assert.match(await send(["PING"]), /^-NOAUTH/);
    assert.match(await send(["AUTH wrong"]), /^-WRONGPASS/);
    const ok = await send([`AUTH ${password}`, "PING", "CONFIG GET maxmemory-policy"]);
    assert.match(ok, /^\+OK\r\n\+PONG\r\n/);
    assert.match(ok, /noeviction/);
  });
});
