// A 3-node JetStream cluster of the run's own (C6): three nats-server processes on free
// loopback ports, routed to each other, each with its own store and the project's users
// and permissions (scripts/lib/nats-auth.mjs). Same shape as bench/lib/infra.mjs ownNats
// (url, passwords, connection, stop) plus `nodes`, each stoppable and restartable.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { freePort, portOpen, sleep, startProcess, stopProcess, tail } from "../../bench/lib/processes.mjs";
import { localNatsConfig, passwordsFor, TEST_USER } from "../../scripts/lib/nats-auth.mjs";

/** nats-server's binary: NATS_SERVER_BIN (e.g. a 2.10 build) or the one on PATH (Debian's 2.9). */
export const natsServerBinary = () => process.env.NATS_SERVER_BIN || "nats-server";

export async function natsCluster(dir, { size = 3, clusterName = "chaos" } = {}) {
  const passwords = passwordsFor();
  const nodes = [];
  for (let i = 0; i < size; i++) nodes.push({ name: `n${i + 1}`, port: await freePort(), routePort: await freePort() });
  for (const node of nodes) {
    const storeDir = join(dir, `nats-${node.name}`);
    mkdirSync(storeDir, { recursive: true });
    const routes = nodes.filter((n) => n !== node).map((n) => `"nats-route://127.0.0.1:${n.routePort}"`);
    const config = [
      localNatsConfig({ port: node.port, storeDir, passwords }),
      `server_name: ${node.name}`,
      `cluster: { name: ${clusterName}, host: 127.0.0.1, port: ${node.routePort}, routes: [${routes.join(", ")}] }`,
      "",
    ].join("\n");
    node.configFile = join(dir, `nats-${node.name}.conf`);
    writeFileSync(node.configFile, config, { mode: 0o600 });
    node.handle = null;
    node.start = async () => {
      node.handle = startProcess({
        command: natsServerBinary(),
        args: ["-c", node.configFile],
        env: process.env,
        logFile: join(dir, `nats-${node.name}.log`),
      });
      const deadline = Date.now() + 15_000;
      while (!(await portOpen(node.port))) {
        if (!node.handle.alive() || Date.now() > deadline)
          throw new Error(`nats-server ${node.name} did not start:\n${tail(node.handle.logFile)}`);
        await sleep(50);
      }
    };
    /** SIGKILL for a crash; SIGTERM is nats-server's graceful shutdown (a rolling upgrade's stop). */
    node.stop = (signal = "SIGKILL") => stopProcess(node.handle, signal, 30_000);
  }
  await Promise.all(nodes.map((n) => n.start()));
  const servers = nodes.map((n) => `nats://127.0.0.1:${n.port}`);
  const connection = { servers, user: TEST_USER, pass: passwords[TEST_USER] };
  await waitJetStream(connection);
  return {
    nodes,
    node: (name) => nodes.find((n) => n.name === name),
    port: nodes[0].port,
    // The services take a comma-separated list (common's connection splits it).
    url: servers.join(","),
    passwords,
    connection,
    async start() {
      await Promise.all(nodes.filter((n) => !n.handle?.alive()).map((n) => n.start()));
    },
    async stop(signal = "SIGTERM") {
      await Promise.all(nodes.map((n) => n.stop(signal)));
    },
  };
}

/** Waits until the cluster has a JetStream meta leader (before it, stream creation fails). */
export async function waitJetStream(connection, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const nc = await connect({ ...connection, timeout: 2000 });
      try {
        const jsm = await jetstreamManager(nc, { timeout: 2000 });
        await jsm.getAccountInfo();
        return;
      } finally {
        await nc.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`JetStream cluster not ready: ${err.message}`);
      await sleep(250);
    }
  }
}

/**
 * JetStream's leader-election advisories of `stream` and of its consumers, as
 * { group: "stream" | consumer name, leader, at } (`at`: the electing server's clock, the
 * same machine's as ours). Heard on one connection per node: a node is about to be
 * killed, and an advisory sent while that node's connection reconnects would be lost.
 * Each advisory once (by its id). `connection`: a user allowed to read `$JS.EVENT.>`
 * (the harness's test user).
 */
export async function watchLeaderElections(cluster, stream) {
  const elections = [];
  const heard = new Set();
  const subjects = [
    `$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.${stream}`,
    `$JS.EVENT.ADVISORY.CONSUMER.LEADER_ELECTED.${stream}.*`,
  ];
  const { user, pass } = cluster.connection;
  const connections = await Promise.all(
    cluster.nodes.map((n) =>
      connect({
        servers: [`nats://127.0.0.1:${n.port}`],
        user,
        pass,
        timeout: 3000,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        // Back to this node only: connections that wandered to the same node would all be
        // reconnecting when it is the one lost.
        ignoreClusterUpdates: true,
      }),
    ),
  );
  for (const nc of connections) {
    for (const subject of subjects) {
      nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return;
          const advisory = msg.json();
          if (heard.has(advisory.id)) return;
          heard.add(advisory.id);
          const at = Date.parse(advisory.timestamp);
          elections.push({
            group: advisory.consumer ?? "stream",
            leader: advisory.leader,
            at: Number.isNaN(at) ? Date.now() : at,
          });
        },
      });
    }
  }
  await Promise.all(connections.map((nc) => nc.flush()));
  return {
    elections,
    close: () => Promise.all(connections.map((nc) => nc.close().catch(() => {}))),
  };
}
