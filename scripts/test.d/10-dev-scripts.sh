#!/usr/bin/env bash
# The local gateway and the `npm start` runner (node's test runner; no servers needed), and the
# demo data against a system of its own (bench/lib/stack.mjs: needs the workspaces built).
set -uo pipefail
results="$1"
out="$(mktemp)"
node --test --test-timeout=300000 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$out" \
  scripts/dev/gateway.test.mjs scripts/dev/run-all.test.mjs scripts/dev/demo-data.test.mjs
status=$?
pass=$(grep -E '^# pass ' "$out" | awk '{print $3}')
fail=$(grep -E '^# fail ' "$out" | awk '{print $3}')
echo "${pass:-0} ${fail:-1}" >"$results/dev-scripts.counts"
rm -f "$out"
exit $status
