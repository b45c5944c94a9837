#!/usr/bin/env bash
# Deployment checks (infra/test, node's test runner): Kubernetes and Gateway API schemas of
# every rendered overlay, Dockerfiles, skaffold.yaml, docker-compose.yml and the GitHub
# workflows, cross-checked with the services' configuration schemas and the local routes.
# Needs the workspaces built (`npm test` builds them first). Writes $1/deployment.counts.
set -uo pipefail
results="$1"
cd "$(dirname "$0")/../.."
out="$(mktemp)"
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$out" \
  infra/test/*.test.mjs
status=$?
pass=$(grep -E '^# pass ' "$out" | awk '{print $3}')
fail=$(grep -E '^# fail ' "$out" | awk '{print $3}')
echo "${pass:-0} ${fail:-1}" >"$results/deployment.counts"
rm -f "$out"
exit $status
