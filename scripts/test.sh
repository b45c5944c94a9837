#!/usr/bin/env bash
# `npm test`: the same set-up as `npm start` (Node 24, dependencies, PostgreSQL, Redis,
# NATS), then every suite. Prints one closing line `N passed, N failed` for all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node-env.sh
export CI="${CI:-}" FORCE_COLOR=0
results="$PWD/.local/test-results"
rm -rf "$results" && mkdir -p "$results"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
failures=0
run() { # run NAME CMD...: a failing step is recorded and the rest still run
  local name="$1"; shift
  step "$name"
  if ! "$@"; then echo "!! $name failed"; failures=$((failures + 1)); echo "$name" >>"$results/failed-steps"; fi
}

step "dependencies"; bash scripts/lib/install-deps.sh
step "infrastructure"; bash scripts/infra.sh
step "build"; npm run build --silent

run "type-check" npm run typecheck --silent
run "lint and format (biome)" npx biome check .
run "backend suites (jest, real PostgreSQL/NATS/Redis)" \
  npx jest --ci --maxWorkers=2 --json --outputFile="$results/jest.json"
# The browser tests bind fixed ports (the gateway's 8080, the services', the mail catcher's):
# two checkouts testing on one machine take turns there instead of failing on a taken port.
ports_lock=(); command -v flock >/dev/null && ports_lock=(flock /tmp/ticketing-ports.lock)
for suite in scripts/test.d/*.sh; do
  [ -e "$suite" ] || continue
  case "$suite" in *-e2e.sh) lock=("${ports_lock[@]}") ;; *) lock=() ;; esac
  run "$(basename "$suite" .sh)" "${lock[@]}" bash "$suite" "$results"
done

node scripts/lib/summarize-tests.mjs "$results" "$failures"
