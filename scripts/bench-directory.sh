#!/usr/bin/env bash
# Part of `make bench`: the directory search (issue 14) over the shipped town halls plus
# 20,000 imported bodies, on SQLite and on PostgreSQL, from a release build. Prints p50
# and p95 per query and fails when the p95 over all of them misses 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
BODIES="${BENCH_DIRECTORY_BODIES:-20000}"
ROUNDS="${BENCH_DIRECTORY_ROUNDS:-40}"
. scripts/bench-server.sh
DATA=$(mktemp -d /tmp/guichet-bench-directory.XXXXXX)
.venv/bin/python Tests/tools/bench_directory.py generate "$DATA/export.json" "$BODIES"
scripts/postgres.sh start >/dev/null
failed=0
for engine in sqlite postgresql; do
  PORT=$(free_port)
  export DATA_DIR="$DATA/$engine" BASE_URL="http://127.0.0.1:$PORT" LOG_LEVEL=warning
  mkdir -p "$DATA_DIR"
  if [ "$engine" = postgresql ]; then
    export DATABASE_URL="postgres://guichet:guichet@127.0.0.1:${GUICHET_TEST_PG_PORT:-5433}/guichet"
  else
    unset DATABASE_URL
  fi
  $BIN migrate >/dev/null
  $BIN directory import "$DATA/export.json" | tail -1
  $BIN serve --hostname 127.0.0.1 --port "$PORT" >"$DATA/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  .venv/bin/python Tests/tools/bench_directory.py time "http://127.0.0.1:$PORT" "$engine" "$ROUNDS" || failed=1
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
done
exit $failed
