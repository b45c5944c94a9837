// C6's split of a stall into the server's election and the client's part (pure: no
// system started), so a figure in chaos/README.md means what it says.
import assert from "node:assert/strict";
import { test } from "node:test";
import { decomposeStall } from "../scenarios/c6-nats-cluster.mjs";

const probes = [
  { id: "before", createdAt: 900, seenAt: 1100 },
  { id: "waited", createdAt: 1200, seenAt: 6300 },
  { id: "also", createdAt: 1450, seenAt: 6300 },
];
const stored = new Map([
  ["waited", 5050],
  ["also", 5050],
]);

test("a kill -9 of the node leading the stream and the probed consumer waits for the later election", () => {
  const loss = {
    at: 1000,
    node: "n1",
    signal: "SIGKILL",
    leadersBefore: { stream: "n1", consumer: "n1" },
    exitedMs: 5,
    restartedMs: 1005,
  };
  const elections = [
    { group: "stream", leader: "n2", at: 5000 },
    { group: "orders-ticket_created", leader: "n3", at: 6000 },
    { group: "payments-order_created", leader: "n2", at: 7000 },
  ];
  const d = decomposeStall(loss, elections, probes, stored);
  assert.equal(d.totalMs, 5300);
  assert.equal(d.electionMs, 5000);
  assert.equal(d.clientMs, 300);
  assert.equal(d.storedMs, 4050);
  assert.deepEqual(d.electedOnPath, [
    { group: "stream", electedMs: 4000 },
    { group: "orders-ticket_created", electedMs: 5000 },
  ]);
  // Elections after a killed node is started again are still its own (they take 4–9 s).
  assert.equal(d.groupsElected, 3);
  assert.equal(d.lastElectionMs, 6000);
});

test("a graceful stop counts the elections before the node is started again, and those before it exited", () => {
  const loss = {
    at: 1000,
    node: "n2",
    signal: "SIGTERM",
    leadersBefore: { stream: "n2", consumer: "n3" },
    exitedMs: 200,
    restartedMs: 1200,
  };
  const elections = [
    { group: "stream", leader: "n1", at: 1070 },
    { group: "tickets-order_created", leader: "n3", at: 1500 },
    { group: "tickets-order_created", leader: "n2", at: 2500 },
  ];
  const d = decomposeStall(loss, elections, probes, stored);
  assert.equal(d.electionMs, 70);
  assert.deepEqual(d.electedOnPath, [{ group: "stream", electedMs: 70 }]);
  assert.equal(d.groupsElected, 2);
  assert.equal(d.electedBeforeExit, 1);
});

test("a node leading neither the stream nor the probed consumer costs no election on the probe's path", () => {
  const loss = {
    at: 1000,
    node: "n3",
    signal: "SIGKILL",
    leadersBefore: { stream: "n1", consumer: "n2" },
    exitedMs: 5,
    restartedMs: 1005,
  };
  const d = decomposeStall(loss, [], probes, stored);
  assert.equal(d.electionMs, 0);
  assert.equal(d.clientMs, d.totalMs);
});

test("an election on the path that was never heard leaves the split unknown, not zero", () => {
  const loss = {
    at: 1000,
    node: "n1",
    signal: "SIGKILL",
    leadersBefore: { stream: "n1", consumer: "n2" },
    exitedMs: 5,
    restartedMs: 1005,
  };
  const d = decomposeStall(loss, [], probes, stored);
  assert.equal(d.electionMs, null);
  assert.equal(d.clientMs, null);
});
