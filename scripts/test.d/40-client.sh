#!/usr/bin/env bash
# The client's component and unit tests (Jest + Testing Library in jsdom). Called by
# scripts/test.sh with the results folder as $1; writes $1/client.counts ("passed failed").
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node-env.sh
results="${1:-$PWD/.local/test-results}"
mkdir -p "$results"
# Not named jest*.json: the summary counts this step through client.counts only.
report="$results/client-unit-report.json"
rm -f "$report"

status=0
(cd client && npx jest --ci --maxWorkers=1 --json --outputFile="$report") || status=$?

if [ -f "$report" ]; then
  node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    console.log(`${r.numPassedTests} ${r.numFailedTests + r.numRuntimeErrorTestSuites}`);
  ' "$report" >"$results/client.counts"
else
  echo "0 1" >"$results/client.counts" # jest did not even start
fi
echo "client unit tests: $(cat "$results/client.counts") (passed failed)"
exit "$status"
