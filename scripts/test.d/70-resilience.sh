#!/usr/bin/env bash
# Cut-down chaos scenarios C1 (kill -9 orders mid-stream), C2 (NATS down during writes),
# C6 (3-node JetStream cluster losing leaders), C7 (orders' PostgreSQL stopped), C8 (three replicas behind PgBouncer in transaction
# mode) plus a check that the consistency checker names a planted inconsistency
# (chaos/test/, node's test runner). They start a system of their own on free loopback
# ports (own nats-server and redis-server, own databases on the shared PostgreSQL), so
# the machine's shared servers are never stopped. About three minutes. Needs the services
# built (scripts/test.sh builds first). Writes "$1/resilience.counts" as "passed failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node-env.sh
results="${1:?usage: 70-resilience.sh RESULTS_DIR}"
tap="$results/resilience.tap"
status=0
node --test --test-concurrency=1 --test-timeout=240000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  chaos/test/*.test.mjs || status=$?
passed="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -n1)"
failed="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -n1)"
# No summary line means the runner itself failed: count that as one failure.
echo "${passed:-0} ${failed:-1}" >"$results/resilience.counts"
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
