// NATS as deployed (issue 12 finding 1): compose and every Kubernetes overlay run NATS with
// TLS and one user per service whose permissions come from the one table,
// scripts/lib/nats-auth.mjs; every service connects as its own user, its password from a
// Secret (or compose's generated .env), never over plain text. The generated configs are
// also started with the real nats-server and attacked over the wire.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import tls from "node:tls";
import YAML from "yaml";
import { deployedNatsAuthorization, passwordVariable, SERVICES } from "../../scripts/lib/nats-auth.mjs";
import { generatedNatsAuthFiles } from "../generate-nats-auth.mjs";
import { makeCertificates, natsDnsNames } from "../secrets.mjs";
import { containerEnv, find, OVERLAYS, readText, renderOverlay, secretExamples } from "./lib/repo.mjs";

const compose = YAML.parse(readText("docker-compose.yml"), { uniqueKeys: true, merge: true });
const mountOf = (container, pod, file) => {
  const m = (container.volumeMounts ?? []).find((v) => file.startsWith(`${v.mountPath}/`));
  return (
    m && { mount: m, volume: pod.volumes.find((v) => v.name === m.name), rest: file.slice(m.mountPath.length + 1) }
  );
};

describe("NATS users come from the one permission table", () => {
  it("the committed compose and Kubernetes auth configs are what infra/generate-nats-auth.mjs writes", () => {
    for (const [file, text] of Object.entries(generatedNatsAuthFiles())) {
      assert.equal(readText(file), text, `${file} is stale: run node infra/generate-nats-auth.mjs`);
    }
    for (const { name } of OVERLAYS) {
      const map = find(renderOverlay(name), "ConfigMap", "nats-auth");
      assert.equal(map?.data["auth.conf"], deployedNatsAuthorization(), `${name}: ConfigMap nats-auth`);
    }
  });

  it("the deployed subject prefix and stream are the ones the permissions name", () => {
    for (const { name } of OVERLAYS) {
      const shared = find(renderOverlay(name), "ConfigMap", "ticketing-config").data;
      assert.equal(shared.NATS_SUBJECT_PREFIX, "ticketing.", name);
      assert.equal(shared.NATS_STREAM, "TICKETING", name);
    }
    assert.equal(compose["x-backend-env"].NATS_SUBJECT_PREFIX, "ticketing.");
    assert.equal(compose["x-backend-env"].NATS_STREAM, "TICKETING");
  });
});

for (const overlay of OVERLAYS) {
  describe(`overlay ${overlay.name}: NATS with TLS and a user per service`, () => {
    const resources = renderOverlay(overlay.name);
    const secrets = secretExamples(overlay.dev);

    it("the NATS servers require TLS from the Secret nats-tls and include the generated users", () => {
      const nats = find(resources, "StatefulSet", "nats");
      const pod = nats.spec.template.spec;
      const c = pod.containers[0];
      const conf = find(resources, "ConfigMap", "nats-config").data["nats.conf"];
      const configFile = c.command[c.command.indexOf("--config") + 1];
      const configDir = path.posix.dirname(configFile);
      // nats.conf and auth.conf side by side in the config folder.
      const { volume } = mountOf(c, pod, configFile);
      const sources = volume.projected.sources.map((s) => s.configMap?.name);
      assert.deepEqual(sources.sort(), ["nats-auth", "nats-config"]);
      assert.match(conf, /^include auth\.conf$/m);
      assert.ok(configDir);
      // Client TLS, outside any nested block (cluster routes have their own).
      const topTls = /^tls \{([^}]*)\}/m.exec(conf);
      assert.ok(topTls, "a top-level tls block");
      for (const [key, item] of [
        ["cert_file", "tls.crt"],
        ["key_file", "tls.key"],
        ["ca_file", "ca.crt"],
      ]) {
        const file = new RegExp(`${key}:\\s*(\\S+)`).exec(topTls[1])?.[1];
        const at = mountOf(c, pod, file);
        assert.equal(at?.volume.secret?.secretName, "nats-tls", `${key} from the Secret nats-tls`);
        assert.equal(at.rest, item);
      }
      assert.doesNotMatch(conf, /allow_non_tls/);
      // Every password the users read is in the server's environment, from nats-users.
      const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));
      for (const service of SERVICES) {
        const ref = env[passwordVariable(service)]?.valueFrom?.secretKeyRef;
        assert.deepEqual(ref, { name: "nats-users", key: service }, `${passwordVariable(service)}`);
        assert.ok(secrets["nats-users"]?.[service] !== undefined, `nats-users.env.example documents ${service}`);
      }
      if (!overlay.dev) {
        assert.match(conf, /cluster \{[\s\S]*tls \{[^}]*verify: true/, "cluster routes: mutual TLS");
        // Gossiped pod addresses are not in the certificate: clients stay on the Service's name.
        assert.match(conf, /cluster \{[^}]*no_advertise: true/);
      }
    });

    it("nats-server accepts the rendered config (nats.conf + auth.conf, certificates, passwords)", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `nats-${overlay.name}-`));
      try {
        const certs = makeCertificates(natsDnsNames("default"));
        fs.mkdirSync(path.join(dir, "tls"));
        for (const [name, text] of Object.entries(certs)) fs.writeFileSync(path.join(dir, "tls", name), text);
        const conf = find(resources, "ConfigMap", "nats-config")
          .data["nats.conf"].replaceAll("/etc/nats-tls", path.join(dir, "tls"))
          .replaceAll("/data/jetstream", path.join(dir, "jetstream"))
          .replaceAll("/var/run/nats", dir);
        fs.writeFileSync(path.join(dir, "nats.conf"), conf);
        fs.writeFileSync(path.join(dir, "auth.conf"), find(resources, "ConfigMap", "nats-auth").data["auth.conf"]);
        const env = { ...process.env, POD_NAME: "nats-0" };
        for (const s of SERVICES) env[passwordVariable(s)] = `pw-${s}`;
        execFileSync("nats-server", ["-c", path.join(dir, "nats.conf"), "-t"], { env, stdio: "pipe" });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("every service connects as its own NATS user, its password from nats-users, with the CA", () => {
      for (const service of SERVICES) {
        const d = find(resources, "Deployment", service);
        assert.ok(d, `${service} is deployed`);
        const pod = d.spec.template.spec;
        const c = pod.containers[0];
        const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));
        assert.equal(env.NATS_USER?.value, service, `${service}: NATS_USER`);
        assert.deepEqual(env.NATS_PASSWORD?.valueFrom?.secretKeyRef, { name: "nats-users", key: service });
        const all = containerEnv(resources, c, secrets);
        assert.equal(all.NATS_INSECURE_PLAINTEXT, undefined, `${service}: no plain-text waiver`);
        const ca = mountOf(c, pod, all.NATS_TLS_CA);
        assert.equal(ca?.volume.secret?.secretName, "nats-tls", `${service}: NATS_TLS_CA from nats-tls`);
        // Only the CA: a service never gets the servers' private key.
        assert.deepEqual(ca.volume.secret.items, [{ key: "ca.crt", path: ca.rest }]);
      }
    });
  });
}

describe("docker-compose: NATS with TLS and a user per service", () => {
  it("has no plain-text waiver and gives each service its own user, password and the CA", () => {
    assert.doesNotMatch(readText("docker-compose.yml"), /NATS_INSECURE_PLAINTEXT/);
    const base = compose["x-backend-env"];
    for (const service of SERVICES) {
      const env = compose.services[service].environment;
      assert.equal(env.NATS_USER, service);
      assert.match(
        env.NATS_PASSWORD,
        new RegExp(`^\\$\\{${passwordVariable(service)}:\\?[^}]*${passwordVariable(service)}`),
      );
      const ca = compose.services[service].volumes.find((v) => v.target === base.NATS_TLS_CA);
      assert.ok(ca, `${service}: the CA mounted at NATS_TLS_CA`);
      assert.equal(ca.bind.create_host_path, false, "a missing certificate fails instead of mounting a folder");
      assert.match(ca.source, /nats-tls\/ca\.crt$/);
      // The server reads the same variable.
      assert.equal(compose.services.nats.environment[passwordVariable(service)], env.NATS_PASSWORD);
    }
  });

  it("runs nats-server with the compose config, the generated users and the certificate", () => {
    const nats = compose.services.nats;
    const mounts = Object.fromEntries(
      nats.volumes.map((v) => (typeof v === "string" ? [v.split(":")[1], v.split(":")[0]] : [v.target, v.source])),
    );
    assert.deepEqual(nats.command, ["--config", "/etc/ticketing-nats/nats.conf"]);
    assert.equal(mounts["/etc/ticketing-nats/nats.conf"], "./infra/compose/nats.conf");
    assert.equal(mounts["/etc/ticketing-nats/auth.conf"], "./infra/compose/nats-auth.conf");
    assert.equal(mounts["/etc/ticketing-nats/tls"], "./.local/compose/nats-tls");
    const conf = readText("infra/compose/nats.conf");
    assert.match(conf, /^include auth\.conf$/m);
    assert.match(conf, /^jetstream \{[^}]*store_dir: \/data\//m);
    assert.match(conf, /^tls \{[^}]*cert_file: \/etc\/ticketing-nats\/tls\/tls\.crt/m);
  });
});

// ------------------------------------------------------------------ the real server

/** A NATS conversation at the protocol level: INFO, TLS upgrade when asked, CONNECT, then lines. */
async function natsSession(port, { user, pass, ca, useTls = true, commands = [] }) {
  const raw = net.connect(port, "127.0.0.1");
  const lines = [];
  let buffer = "";
  let socket = raw;
  const onData = (chunk) => {
    buffer += chunk;
    let i = buffer.indexOf("\r\n");
    while (i >= 0) {
      lines.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 2);
      i = buffer.indexOf("\r\n");
    }
  };
  const closed = new Promise((resolve) => raw.on("close", resolve));
  raw.on("error", () => {});
  await new Promise((resolve) => raw.once("data", (chunk) => resolve(onData(chunk.toString()))));
  if (useTls) {
    socket = tls.connect({ socket: raw, ca, servername: "localhost" });
    socket.on("error", () => {});
    await new Promise((resolve, reject) => {
      socket.once("secureConnect", resolve);
      socket.once("error", reject);
    });
  }
  socket.on("data", (chunk) => onData(chunk.toString()));
  const connect = JSON.stringify({ verbose: false, pedantic: false, user, pass, protocol: 1 });
  socket.write(`CONNECT ${connect}\r\n${commands.join("")}PING\r\n`);
  // The server answers PING with PONG after every command before it, or closes on an error.
  await Promise.race([
    closed,
    new Promise((resolve) => {
      const timer = setInterval(() => {
        if (lines.includes("PONG")) resolve(clearInterval(timer));
      }, 10);
      raw.on("close", () => clearInterval(timer));
    }),
  ]);
  socket.destroy();
  return lines.slice(1); // without INFO
}

describe("the generated compose config on a real nats-server", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nats-deployed-"));
  const passwords = Object.fromEntries(SERVICES.map((s) => [s, `pw-${s}-${Math.random().toString(36).slice(2)}`]));
  let server;
  let port;
  let ca;

  before(async () => {
    const certs = makeCertificates(["nats", "localhost"]);
    ca = certs["ca.crt"];
    fs.mkdirSync(path.join(dir, "tls"));
    for (const [name, text] of Object.entries(certs)) fs.writeFileSync(path.join(dir, "tls", name), text);
    port = await new Promise((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const p = probe.address().port;
        probe.close(() => resolve(p));
      });
    });
    const conf = readText("infra/compose/nats.conf")
      .replaceAll("/etc/ticketing-nats/tls", path.join(dir, "tls"))
      .replaceAll("/data/jetstream", path.join(dir, "jetstream"))
      .replace(/^port: 4222$/m, `host: 127.0.0.1\nport: ${port}`)
      .replace(/^http_port: 8222$/m, "");
    fs.writeFileSync(path.join(dir, "nats.conf"), conf);
    fs.writeFileSync(path.join(dir, "auth.conf"), readText("infra/compose/nats-auth.conf"));
    const env = { ...process.env };
    for (const s of SERVICES) env[passwordVariable(s)] = passwords[s];
    execFileSync("nats-server", ["-c", path.join(dir, "nats.conf"), "-t"], { env, stdio: "pipe" });
    server = spawn("nats-server", ["-c", path.join(dir, "nats.conf")], { env, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    await new Promise((resolve, reject) => {
      server.stderr.on("data", (chunk) => {
        log += chunk;
        if (log.includes("Server is ready")) resolve();
      });
      server.on("exit", (code) => reject(new Error(`nats-server exited ${code}: ${log}`)));
    });
  });
  after(() => {
    server?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("does not start when a service's password is missing from its environment (a Secret key forgotten)", () => {
    const env = { ...process.env };
    for (const s of SERVICES) env[passwordVariable(s)] = passwords[s];
    delete env[passwordVariable("orders")];
    assert.throws(
      () => execFileSync("nats-server", ["-c", path.join(dir, "nats.conf"), "-t"], { env, stdio: "pipe" }),
      (err) => String(err.stderr).includes(passwordVariable("orders")),
    );
  });

  it("refuses a client that does not upgrade to TLS", async () => {
    const lines = await natsSession(port, { user: "orders", pass: passwords.orders, useTls: false });
    // The server wants a TLS handshake after INFO: plain text closes the connection.
    assert.deepEqual(lines, []);
  });

  it("refuses a wrong password and an unknown user", async () => {
    for (const [user, pass] of [
      ["orders", "guess"],
      ["test", passwords.orders],
    ]) {
      const lines = await natsSession(port, { user, pass, ca });
      assert.match(lines.join("\n"), /Authorization Violation/, `${user}`);
    }
  });

  it("lets a service publish its own events only: tickets cannot forge payment.created", async () => {
    const own = await natsSession(port, {
      user: "tickets",
      pass: passwords.tickets,
      ca,
      commands: ["PUB ticketing.ticket.created 2\r\n{}\r\n"],
    });
    assert.deepEqual(own, ["PONG"]);
    const forged = await natsSession(port, {
      user: "tickets",
      pass: passwords.tickets,
      ca,
      commands: ['PUB ticketing.payment.created 26\r\n{"orderId":"x","amount":1}\r\n'],
    });
    assert.match(forged.join("\n"), /Permissions Violation for Publish to "ticketing\.payment\.created"/);
    const revocation = await natsSession(port, {
      user: "payments",
      pass: passwords.payments,
      ca,
      commands: ["PUB ticketing.user.sessions-revoked 2\r\n{}\r\n"],
    });
    assert.match(revocation.join("\n"), /Permissions Violation/);
  });
});

describe("the development certificate", () => {
  it("names the NATS Service and every cluster route, and is signed by the CA it ships", () => {
    const certs = makeCertificates(natsDnsNames("ticketing"));
    const leaf = new X509Certificate(certs["tls.crt"]);
    const caCert = new X509Certificate(certs["ca.crt"]);
    assert.ok(leaf.checkIssued(caCert) && leaf.verify(caCert.publicKey));
    for (const name of ["nats", "nats.ticketing.svc", "nats-1.nats-headless"]) {
      assert.ok(leaf.checkHost(name), name);
    }
    assert.equal(leaf.checkHost("evil.example"), undefined);
  });
});
