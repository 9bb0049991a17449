#!/usr/bin/env bash
# A local Citus cluster for the scale-out tests: a coordinator and two workers on this machine.
#
#   infra/citus/cluster.sh start            builds Citus if missing, starts the three nodes,
#                                           prints the coordinator's superuser URL
#   infra/citus/cluster.sh database <name> [owner]
#                                           a database on every node, prepared for the schema
#   infra/citus/cluster.sh drop-database <name>
#                                           drops it on every node
#   infra/citus/cluster.sh stop             stops the nodes (their files stay)
#   infra/citus/cluster.sh destroy          stops them and removes their files
#
# CITUS_SOURCE   a Citus source tarball, built when the extension is missing (needs root for
#                the build's Debian packages and `make install`)
# CITUS_DIR      where the nodes keep their files (default: $TMPDIR/rdlink-citus)
# CITUS_PORT     the coordinator's port; the workers take the next two (default 5470)
# CITUS_SHARDS   shards per distributed table (default 4: a test cluster of two workers;
#                Citus's own default, 32, suits production)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${CITUS_DIR:-${TMPDIR:-/tmp}/rdlink-citus}
PORT=${CITUS_PORT:-5470}
PORTS=("$PORT" $((PORT + 1)) $((PORT + 2)))
BIN=$(pg_config --bindir)
HOST=127.0.0.1

# PostgreSQL refuses to run as root: as root the nodes belong to the postgres user.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
sql() { # port database statement…
  local port=$1 database=$2
  shift 2
  local args=()
  for statement in "$@"; do args+=(-c "$statement"); done
  psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$HOST" -p "$port" -U postgres -d "$database" "${args[@]}"
}

ensure_citus_installed() {
  [ -f "$(pg_config --pkglibdir)/citus.so" ] && return
  if [ -z "${CITUS_SOURCE:-}" ]; then
    echo "Citus is not installed and CITUS_SOURCE names no source tarball to build it from" >&2
    exit 1
  fi
  echo "building Citus from $CITUS_SOURCE (a few minutes)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-server-dev-15 liblz4-dev libzstd-dev \
    libkrb5-dev libssl-dev libselinux1-dev libxslt1-dev libpam0g-dev libreadline-dev zlib1g-dev >/dev/null
  local build
  build=$(mktemp -d)
  tar xzf "$CITUS_SOURCE" -C "$build" --strip-components=1
  (cd "$build" && ./configure --without-libcurl >/dev/null && make -j"$(nproc)" >/dev/null && make install >/dev/null)
  rm -rf "$build"
}

start() {
  ensure_citus_installed
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  for i in 0 1 2; do
    local data="$DIR/node$i" port=${PORTS[$i]}
    if [ ! -d "$data" ]; then
      as_postgres "$BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_postgres "$BIN/pg_ctl" -D "$data" -l "$DIR/node$i.log" -w start -o "-p $port -c listen_addresses=$HOST \
        -c unix_socket_directories=$DIR -c shared_preload_libraries=citus -c max_prepared_transactions=200 \
        -c max_connections=300 -c citus.shard_count=${CITUS_SHARDS:-4} -c fsync=off -c synchronous_commit=off" >/dev/null
    fi
  done
  # The cluster-wide roles are made in the coordinator's postgres database: Citus ships them to
  # the workers from there once it knows them.
  for i in 2 1 0; do
    sql "${PORTS[$i]}" postgres "create extension if not exists citus"
  done
  add_nodes postgres
  echo "postgres://postgres@$HOST:$PORT/postgres"
}

add_nodes() { # database
  sql "$PORT" "$1" "select citus_set_coordinator_host('$HOST', $PORT)" >/dev/null
  for port in "${PORTS[@]:1}"; do
    sql "$PORT" "$1" "select citus_add_node('$HOST', $port) where not exists (
      select 1 from pg_dist_node where nodename = '$HOST' and nodeport = $port)" >/dev/null
  done
}

database() { # name [owner]
  local name=$1 owner=${2:-postgres}
  for port in "${PORTS[@]:1}" "$PORT"; do
    sql "$port" postgres "create database $name owner $owner"
    sql "$port" "$name" "create extension citus"
  done
  add_nodes "$name"
  # Citus reaches the workers as the role a transaction runs as: app_user and app_worker, which
  # log in nowhere else, must log in to the workers (trust on loopback here; pg_dist_authinfo
  # holds their passwords in production).
  sql "$PORT" postgres "do \$\$ begin
    if exists (select 1 from pg_roles where rolname = 'app_user') then alter role app_user login; end if;
    if exists (select 1 from pg_roles where rolname = 'app_worker') then alter role app_worker login; end if;
  end \$\$"
  psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U postgres -d "$name" -f "$HERE/prepare-database.sql" >/dev/null
}

drop_database() { # name
  for port in "$PORT" "${PORTS[@]:1}"; do
    sql "$port" postgres "drop database if exists $1 with (force)"
  done
}

stop() {
  for i in 0 1 2; do
    [ -d "$DIR/node$i" ] && as_postgres "$BIN/pg_ctl" -D "$DIR/node$i" -m fast -w stop >/dev/null 2>&1 || true
  done
}

case "${1:-}" in
  start) start ;;
  database) database "${2:?database name}" "${3:-}" ;;
  drop-database) drop_database "${2:?database name}" ;;
  stop) stop ;;
  destroy) stop && rm -rf "$DIR" ;;
  *) sed -n '2,21p' "$0" >&2 && exit 2 ;;
esac
