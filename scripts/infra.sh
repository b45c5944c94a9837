#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Makes sure PostgreSQL 15+ and Redis 7 answer on 127.0.0.1, then creates the service
# databases; a server that already answers on its port is used as it is, otherwise the
# Debian package is installed if its binary is missing and our own instance is started
# with its data in the git-ignored .local/ folder. NATS is always the project's own,
# with authentication, shared by every checkout on the machine (see ensure_nats). PgBouncer
# is installed (Debian's package) but not started: the chaos harness runs its own.
# Idempotent: when everything is up it only checks (well under 2 s).
#
#   bash scripts/infra.sh            ensure everything is up
#   bash scripts/infra.sh stop       stop the PostgreSQL/Redis this checkout started (data in .local/ is kept)
#   bash scripts/infra.sh stop-nats  stop the project's shared NATS (every checkout's; the next
#                                    `npm start`/`npm test` starts it again; state is kept)
#
# Ports: PGPORT (5432), REDIS_PORT (6379), NATS_PORT (4223). The services' defaults in
# scripts/dev/services.mjs use the standard ports; on other ports set DATABASE_URL and
# REDIS_URL for them too (NATS's URL and credentials are read from its state folder).
set -euo pipefail
source "$(dirname "$0")/lib/node-env.sh" # for `node`, which reads the database list

ROOT="$TICKETING_ROOT"
LOCAL="$ROOT/.local"
PGPORT="${PGPORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
NATS_PORT="${NATS_PORT:-4223}"
WAIT_SECONDS="${INFRA_WAIT_SECONDS:-30}"
# psql/createdb read these; PGDATABASE is pinned so a stray one in the environment can't interfere.
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres PGCONNECT_TIMEOUT=5

log() { echo "[infra] $*"; }
die() { echo "[infra] error: $*" >&2; exit 1; }

# Opens fd 3 to 127.0.0.1:$1, failing at once when nothing listens there.
connect() { { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; }
port_open() { connect "$1" && exec 3>&-; }

# The INFO line a NATS server sends on connect; it has "jetstream":true when JetStream is on.
nats_info() {
  local line=""
  connect "$1" || return 1
  IFS= read -r -t 2 line <&3 || true
  exec 3>&-
  printf '%s\n' "$line"
}

# Redis's version, asked in its plain-text protocol (so redis-cli is not needed).
redis_version() {
  local l
  connect "$1" || return 1
  printf 'INFO server\r\n' >&3
  while IFS= read -r -t 2 l <&3; do
    case "$l" in
      redis_version:*) exec 3>&-; l="${l#redis_version:}"; echo "${l%$'\r'}"; return 0 ;;
      -*) break ;; # an error reply, e.g. NOAUTH
    esac
  done
  exec 3>&-
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"; fi
}

apt_updated=""
apt_install() {
  command -v apt-get >/dev/null || die "$* not installed and no apt-get here: install it yourself"
  log "installing $* (apt)"
  if [ -z "$apt_updated" ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# wait_until NAME COMMAND...: polls COMMAND every 0.2 s for at most WAIT_SECONDS.
wait_until() {
  local name="$1" tries=$((WAIT_SECONDS * 5)); shift
  until "$@"; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || die "$name did not answer within ${WAIT_SECONDS}s (its log is in .local/)"
    sleep 0.2
  done
}

# The newest installed PostgreSQL's server binaries (Debian keeps them off PATH).
pg_bindir() {
  local newest
  newest="$(printf '%s\n' /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n1)"
  if [ -x "$newest" ]; then dirname "$newest"
  elif command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"
  fi
}

# Runs a command as the PostgreSQL OS user: the server refuses to run as root.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------- PostgreSQL
pg_up() { psql -w -tAqc "select 1" >/dev/null 2>&1; }

ensure_postgres() {
  local data="$LOCAL/pg" bin
  if ! port_open "$PGPORT"; then
    if [ -z "$(pg_bindir)" ] || ! command -v psql >/dev/null; then
      apt_install postgresql
      # Debian's package may have started its own cluster, which wants passwords on TCP
      # (the services connect without one): stop it and run ours, which trusts loopback.
      if port_open "$PGPORT" && ! pg_up && command -v pg_lsclusters >/dev/null; then
        pg_lsclusters -h | while read -r version cluster port _; do
          if [ "$port" = "$PGPORT" ]; then
            log "stopping Debian's PostgreSQL cluster $version/$cluster (it asks for passwords)"
            as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" stop
          fi
        done
      fi
    fi
  fi
  if ! port_open "$PGPORT"; then
    bin="$(pg_bindir)"
    [ -x "$bin/pg_ctl" ] || die "PostgreSQL installed but pg_ctl not found"
    mkdir -p "$LOCAL"
    if [ ! -f "$data/PG_VERSION" ]; then
      log "creating a PostgreSQL cluster in .local/pg"
      mkdir -p "$data"
      [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$data"
      as_pg_user test -w "$data" || die "the postgres user cannot write $data (a parent folder is not accessible to it)"
      as_pg_user "$bin/initdb" -D "$data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$LOCAL/pg-initdb.log" 2>&1 ||
        die "initdb failed, see .local/pg-initdb.log"
      # TCP on loopback only; the Unix socket goes into the data folder so it never
      # collides with a system cluster's socket in /var/run/postgresql.
      printf "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\n" "$data" >>"$data/postgresql.conf"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PGPORT (data in .local/pg)"
    touch "$LOCAL/pg.log" && { [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$LOCAL/pg.log"; }
    as_pg_user "$bin/pg_ctl" start -D "$data" -l "$LOCAL/pg.log" -o "-p $PGPORT" -w -t "$WAIT_SECONDS" >/dev/null ||
      die "PostgreSQL did not start, see .local/pg.log"
  fi
  command -v psql >/dev/null || apt_install postgresql-client
  wait_until "PostgreSQL on 127.0.0.1:$PGPORT" pg_isready -q
  pg_up || die "PostgreSQL on 127.0.0.1:$PGPORT does not let user postgres in without a password ($(psql -w -tAqc "select 1" 2>&1 | head -n1)).
        Allow 'trust' for 127.0.0.1 in its pg_hba.conf, or stop it so that this script starts its own."
  local version
  version="$(psql -w -tAqc "show server_version_num")"
  [ "$version" -ge 150000 ] || die "PostgreSQL on 127.0.0.1:$PGPORT is older than 15 ($version); stop it or set PGPORT"
  log "PostgreSQL $((version / 10000)) on 127.0.0.1:$PGPORT"
}

create_databases() {
  local db dbs existing
  existing="$(psql -w -tAqc "select datname from pg_database")"
  # DATABASES in scripts/dev/services.mjs is the single list of databases.
  dbs="$(node -e 'import(process.argv[1]).then((m) => console.log(m.DATABASES.join(" ")))' "$ROOT/scripts/dev/services.mjs")"
  for db in $dbs; do
    if ! grep -qx "$db" <<<"$existing"; then
      # Tolerate a concurrent run having just created it.
      createdb -w "$db" 2>/dev/null || [ "$(psql -w -tAqc "select 1 from pg_database where datname = '$db'")" = 1 ] ||
        die "could not create database $db"
      log "created database $db"
    fi
  done
}

# ---------------------------------------------------------------- Redis
redis_up() { [ -n "$(redis_version "$REDIS_PORT")" ]; }

ensure_redis() {
  if ! port_open "$REDIS_PORT"; then
    command -v redis-server >/dev/null || apt_install redis-server
  fi
  if ! port_open "$REDIS_PORT"; then
    log "starting Redis on 127.0.0.1:$REDIS_PORT (data in .local/redis)"
    mkdir -p "$LOCAL/redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$LOCAL/redis" --appendonly yes \
      --pidfile "$LOCAL/redis.pid" --logfile "$LOCAL/redis.log" >/dev/null
  fi
  wait_until "Redis on 127.0.0.1:$REDIS_PORT" redis_up
  local version
  version="$(redis_version "$REDIS_PORT")"
  [ "${version%%.*}" -ge 7 ] || die "Redis on 127.0.0.1:$REDIS_PORT is older than 7 ($version); stop it or set REDIS_PORT"
  log "Redis $version on 127.0.0.1:$REDIS_PORT"
}

# ---------------------------------------------------------------- NATS
# The project's own NATS, shared by every checkout on this machine: a NATS without
# authentication (such as one on 4222) would let anyone who reaches it publish events, so
# the services never use one. Its config, generated credentials (one user per service,
# see scripts/lib/nats-auth.mjs, plus the test user) and data live in a state folder
# outside the checkout: /var/lib/ticketing-nats as root, else
# ${XDG_STATE_HOME:-~/.local/state}/ticketing-nats (TICKETING_NATS_STATE overrides).
nats_auth() { node "$ROOT/scripts/lib/nats-auth.mjs" "$@"; }

# Succeeds when the server on $NATS_PORT lets the test user in and has JetStream.
nats_authenticated() {
  local info="" reply="" pass="$1"
  connect "$NATS_PORT" || return 1
  IFS= read -r -t 2 info <&3 || true
  printf 'CONNECT {"verbose":false,"pedantic":false,"user":"test","pass":"%s"}\r\nPING\r\n' "$pass" >&3
  IFS= read -r -t 2 reply <&3 || true
  exec 3>&-
  [[ "$reply" == PONG* && "$info" == *'"jetstream":true'* ]]
}

ensure_nats() {
  command -v nats-server >/dev/null || apt_install nats-server
  local dir pid changed
  dir="$(nats_auth dir)"
  mkdir -p "$dir"
  # One checkout at a time creates the credentials and starts the server.
  exec 4>"$dir/.lock"
  flock 4
  changed="$(nats_auth ensure "$NATS_PORT")"
  pid="$(cat "$dir/nats.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    if [ -n "$changed" ]; then
      log "NATS permissions changed: reloading its config"
      kill -HUP "$pid"
    fi
  elif port_open "$NATS_PORT"; then
    die "something else listens on 127.0.0.1:$NATS_PORT (the project's NATS port): stop it or set NATS_PORT"
  else
    log "starting NATS with JetStream and per-service users on 127.0.0.1:$NATS_PORT (state in $dir)"
    # setsid: its own session, so Ctrl-C in the terminal running `npm start` leaves it up.
    setsid nohup nats-server -c "$dir/nats.conf" -P "$dir/nats.pid" -l "$dir/nats.log" </dev/null >/dev/null 2>&1 4>&- &
  fi
  wait_until "NATS on 127.0.0.1:$NATS_PORT (log: $dir/nats.log)" nats_authenticated "$(nats_auth password test)"
  exec 4>&-
  local info
  info="$(nats_info "$NATS_PORT")"
  [[ "$info" =~ \"version\":\"([^\"]+)\" ]] && log "NATS ${BASH_REMATCH[1]} with JetStream and authentication on 127.0.0.1:$NATS_PORT"
  return 0
}

stop_nats() {
  local dir pid
  dir="$(nats_auth dir)"
  pid="$(cat "$dir/nats.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    log "stopped the project's NATS (pid $pid; state kept in $dir)"
  fi
  rm -f "$dir/nats.pid"
}

# ---------------------------------------------------------------- PgBouncer
# Only the binary: the chaos harness and its tests (chaos/lib/pgbouncer.mjs) run PgBouncer
# instances of their own in transaction mode; the Debian service is not started.
ensure_pgbouncer() {
  command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || apt_install pgbouncer
}

# ---------------------------------------------------------------- stop
stop_own() {
  local bin
  bin="$(pg_bindir)"
  if [ -f "$LOCAL/pg/postmaster.pid" ] && [ -n "$bin" ]; then
    as_pg_user "$bin/pg_ctl" stop -D "$LOCAL/pg" -m fast >/dev/null && log "stopped PostgreSQL (.local/pg)"
  fi
  local name pid
  for name in redis; do
    pid="$(cat "$LOCAL/$name.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      log "stopped $name (pid $pid)"
    fi
    rm -f "$LOCAL/$name.pid"
  done
}

case "${1:-up}" in
  up)
    ensure_postgres
    create_databases
    ensure_redis
    ensure_nats
    ensure_pgbouncer
    ;;
  stop) stop_own ;;
  stop-nats) stop_nats ;;
  *) die "usage: bash scripts/infra.sh [up|stop|stop-nats]" ;;
esac
