#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test run, on 127.0.0.1 only.
#   scripts/postgres.sh start   # prints nothing; writes .build/postgres.env
#   scripts/postgres.sh stop
#   scripts/postgres.sh url     # the admin URL the tests use
#   scripts/postgres.sh pause|resume   # stop and restart the server, data kept (fault tests)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${GUICHET_TEST_PG_PORT:-5433}"
STATE=.build/postgres.env
URL="postgres://guichet:guichet@127.0.0.1:${PORT}/postgres"

pgbin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  stop >/dev/null 2>&1 || true
  local bin root
  bin=$(pgbin)
  root=$(mktemp -d /tmp/guichet-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$root"
  as_owner "$bin/initdb" -D "$root/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1
  as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $root -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  psql -q -h "$root" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE guichet LOGIN CREATEDB PASSWORD 'guichet'" \
    -c "CREATE DATABASE guichet OWNER guichet" >/dev/null
  mkdir -p .build
  printf 'PG_ROOT=%s\nPG_BIN=%s\n' "$root" "$bin" > "$STATE"
}

stop() {
  [ -f "$STATE" ] || return 0
  # shellcheck disable=SC1090
  . "$STATE"
  as_owner "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT" "$STATE"
}

# The fault tests stop the server under a running portal and start it again, data kept.
pause() {
  . "$STATE"
  as_owner "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate -w stop >/dev/null
}

resume() {
  . "$STATE"
  as_owner "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PG_ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  pause) pause ;;
  resume) resume ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|pause|resume|url" >&2; exit 2 ;;
esac
