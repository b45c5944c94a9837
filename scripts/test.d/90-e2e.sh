#!/usr/bin/env bash
# Browser end-to-end tests of the whole marketplace (client/e2e/*.e2e.mjs, node's test
# runner + playwright-core driving Debian's Chromium): the system is started exactly as
# `npm start` runs it (scripts/dev/run-all.mjs: every service, the client and the gateway
# on their usual ports) with ORDER_EXPIRATION_SECONDS=30 so an order can expire during
# the run, and stopped afterwards. Screenshots go to client/test-results/screenshots/.
# SELLER_EMAIL_VERIFICATION=off: the sellers these tests sign up list without first opening
# the verification mail (that rule is tested end to end in system-tests/account-mail.test.ts).
#
#   bash scripts/test.d/90-e2e.sh [RESULTS_DIR]     writes RESULTS_DIR/e2e.counts ("passed failed")
#
# Needs the workspaces built (scripts/test.sh builds first; set E2E_BUILD=1 to build here)
# and the ports of `npm start` free (stop a running `npm start` first). E2E_ONLY=<regex>
# runs only the tests whose names match.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node-env.sh
results="${1:-$PWD/.local/test-results}"
mkdir -p "$results" .local
counts="$results/e2e.counts"
echo "0 1" >"$counts" # until the tests have run: a set-up failure counts as one failure
log="$results/e2e-system.log"
tap="$results/e2e.tap"

say() { echo "[e2e] $*"; }

# ---------------------------------------------------------------- Chromium
if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium (apt)"
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# ---------------------------------------------------------------- system
bash scripts/infra.sh
if [ "${E2E_BUILD:-}" = 1 ] || [ ! -f client/.next/BUILD_ID ]; then
  say "building (npm run build)"
  npm run build --silent
fi

busy=""
for port in 8080 3000 3001 3002 3003 3004 3005 3006 3009 1025 1080; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then busy="$busy $port"; fi
done
if [ -n "$busy" ]; then
  say "ports in use:$busy — stop the running system (npm start) and run again"
  exit 1
fi

# Profile photos in a folder of their own, so test uploads never mix with a developer's.
photos="$(mktemp -d /tmp/ticketing-e2e-photos.XXXXXX)"

# The browser test of claims signs up and verifies this run's administrator (auth's ADMIN_EMAILS).
export E2E_ADMIN_EMAIL="admin-$(date +%s)-$$@example.com"
# ... and axe-all-pages.e2e.mjs a second one (an address signs up once).
export E2E_AXE_ADMIN_EMAIL="axe-admin-$(date +%s)-$$@example.com"

say "starting the system (log: $log)"
# Every browser signs up from 127.0.0.1, run after run: the per-client sign-up limit is raised.
# EMULATOR_ADMIN: the tests approve PayPal orders through the emulator's test controls.
# PAYOUT_INTERVAL_MS: the payouts browser test sees a sale paid within seconds of it becoming payable.
ORDER_EXPIRATION_SECONDS="${E2E_ORDER_EXPIRATION_SECONDS:-30}" PAYOUT_INTERVAL_MS=1000 SIGNUP_MAX_PER_IP=100000 PHOTO_DIR="$photos" LOG_LEVEL=warn NO_COLOR=1 DEMO_DATA=0 EMULATOR_ADMIN=true SELLER_EMAIL_VERIFICATION=off ADMIN_EMAILS="$E2E_ADMIN_EMAIL,$E2E_AXE_ADMIN_EMAIL" \
  setsid node scripts/dev/run-all.mjs >"$log" 2>&1 </dev/null &
runner=$!

stop_system() {
  if kill -0 "$runner" 2>/dev/null; then
    say "stopping the system"
    kill -TERM "$runner" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$runner" 2>/dev/null || break; sleep 0.5; done
    # The runner stops its children itself; anything left in its group goes now.
    kill -KILL -- "-$runner" 2>/dev/null || true
  fi
  wait "$runner" 2>/dev/null || true
  rm -rf "$photos"
}
trap stop_system EXIT

deadline=$((SECONDS + 300))
until grep -q "Ticketing is up" "$log"; do
  if grep -q "Ticketing is partly up" "$log" || ! kill -0 "$runner" 2>/dev/null || [ "$SECONDS" -gt "$deadline" ]; then
    say "the system did not come up; last lines of its log:"
    tail -n 60 "$log"
    exit 1
  fi
  sleep 1
done
say "system is up"

# ---------------------------------------------------------------- tests
rm -rf client/test-results/screenshots
status=0
only=()
[ -n "${E2E_ONLY:-}" ] && only=(--test-name-pattern="$E2E_ONLY")
(cd client && node --test --test-concurrency=1 --test-timeout=300000 "${only[@]}" \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  e2e/marketplace.e2e.mjs e2e/events.e2e.mjs e2e/ux.e2e.mjs e2e/expiry.e2e.mjs e2e/paypal-sdk.e2e.mjs e2e/security.e2e.mjs \
  e2e/account-mail.e2e.mjs e2e/claims.e2e.mjs e2e/payouts.e2e.mjs e2e/delivery.e2e.mjs e2e/axe-all-pages.e2e.mjs) || status=$?

passed="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -n1)"
failed="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -n1)"
echo "${passed:-0} ${failed:-1}" >"$counts"
say "screenshots: client/test-results/screenshots/ ($(find client/test-results/screenshots -name '*.png' 2>/dev/null | wc -l) files)"
if [ "$status" -ne 0 ]; then
  say "failed; the system's log is $log (last lines below)"
  tail -n 40 "$log"
fi
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
