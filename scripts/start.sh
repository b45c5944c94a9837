#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/..
# `npm start`: the whole marketplace on this machine. Installs the npm dependencies if
# needed, makes sure PostgreSQL, Redis and NATS JetStream are up (scripts/infra.sh),
# builds every workspace, then runs the services and the gateway in the foreground
# (scripts/dev/run-all.mjs) until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/lib/node-env.sh"
cd "$TICKETING_ROOT"

source scripts/lib/install-deps.sh
bash scripts/infra.sh
echo "[start] building (npm run build)"
npm run build --silent
# exec: the runner replaces this shell, so Ctrl-C and SIGTERM reach it directly and it
# stops every service before exiting.
exec node scripts/dev/run-all.mjs
