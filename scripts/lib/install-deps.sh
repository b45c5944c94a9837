#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Installs the npm dependencies with the project's Node 24 npm when they are missing or
# package-lock.json changed since the last install; a quick no-op otherwise. Run it or
# source it (it sources node-env.sh itself, which puts Node 24 first on PATH).
#
# The stamp node_modules/.install-stamp holds the sha256 of the package-lock.json that
# was installed; `npm ci` deletes node_modules first, so a failed install leaves no stamp.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"

ticketing_install_deps() {
  local root="$TICKETING_ROOT" stamp="$TICKETING_ROOT/node_modules/.install-stamp" want
  want="$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  # node_modules installed before this script existed has no stamp: npm's own hidden
  # lockfile being newer than package-lock.json means that install matches it, so adopt
  # it instead of wiping a working tree with a reinstall.
  if [ ! -f "$stamp" ] && [ "$root/node_modules/.package-lock.json" -nt "$root/package-lock.json" ]; then
    echo "$want" >"$stamp"
    return 0
  fi
  # npm ci empties node_modules first, following a symlink into whatever it points to.
  if [ -L "$root/node_modules" ]; then
    echo "[deps] node_modules is a symlink: not reinstalling into it" >&2
    return 1
  fi
  echo "[deps] installing npm dependencies (npm ci, Node $(node -v))" >&2
  if ! (cd "$root" && npm ci --no-audit --no-fund); then
    # npm ci refuses a lockfile that lacks other platforms' optional packages (it checks
    # before touching node_modules); npm install accepts it. --no-save: an install must
    # not rewrite tracked files.
    echo "[deps] npm ci failed; installing with npm install --no-save instead" >&2
    (cd "$root" && npm install --no-save --no-audit --no-fund)
  fi
  echo "$want" >"$stamp"
}

ticketing_install_deps
