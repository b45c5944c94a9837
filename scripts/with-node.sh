#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs a command with Node.js 24 first on PATH, e.g. `bash scripts/with-node.sh node bench/run.mjs`.
# npm scripts run under whatever Node invoked npm (often the system's older one); this
# puts the project's Node in front so the command and anything it spawns use it.
set -euo pipefail
source "$(dirname "$0")/lib/node-env.sh"
exec "$@"
