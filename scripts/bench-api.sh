#!/usr/bin/env bash
# Part of `make bench`: the partner API's list of dossiers with 100,000 dossiers
# transmitted to one organisation, on PostgreSQL, from a release build. Prints the
# latencies of the first page and of pages deep in the keyset, and checks p95 < 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
DOSSIERS="${BENCH_API_DOSSIERS:-100000}"
. scripts/bench-server.sh
scripts/postgres.sh start
DATA=$(mktemp -d /tmp/guichet-bench-api.XXXXXX)
PORT=$(free_port)
export DATA_DIR="$DATA" DATABASE_URL="postgres://guichet:guichet@127.0.0.1:${GUICHET_TEST_PG_PORT:-5433}/guichet" \
  BASE_URL="http://127.0.0.1:$PORT" PARTNER_RATE_LIMIT=1000000 LOG_LEVEL=warning
$BIN migrate >/dev/null
# One INSERT … SELECT over generate_series per table: the dossiers, then their
# transmissions to the CAF, one second apart, a quarter of them acknowledged.
PGPASSWORD=guichet psql -q -h 127.0.0.1 -p "${GUICHET_TEST_PG_PORT:-5433}" -U guichet -d guichet -v ON_ERROR_STOP=1 <<SQL
INSERT INTO dossiers (id, procedure_id, state, answers, current_step, created_at, updated_at, reference, submitted_at)
SELECT md5('dossier' || n)::uuid, 'changement-situation-caf', 'submitted', '{"values":{}}', 0,
       now() - n * interval '1 second', now() - n * interval '1 second', 'A-2-' || upper(substr(md5('r' || n), 1, 9)),
       now() - n * interval '1 second'
FROM generate_series(1, $DOSSIERS) AS n;
INSERT INTO transmissions (id, dossier_id, organisation_key, organisation_name, contacts, state, transmitted_at, updated_at,
                           reference, procedure_id, applicant_name, applicant_folded)
SELECT md5('transmission' || n)::uuid, md5('dossier' || n)::uuid, 'caf', 'Caisse d''allocations familiales (CAF)', '{}',
       CASE WHEN n % 4 = 0 THEN 'acknowledged' ELSE 'transmitted' END,
       now() - n * interval '1 second', now() - n * interval '1 second', 'A-2-' || upper(substr(md5('r' || n), 1, 9)),
       'changement-situation-caf', 'MARTIN Jeanne ' || n, 'martin jeanne ' || n
FROM generate_series(1, $DOSSIERS) AS n;
ANALYZE dossiers; ANALYZE transmissions;
SQL
KEY=$($BIN partner-key create caf --name bench | tail -1)
$BIN serve --hostname 127.0.0.1 --port "$PORT" >"$DATA/server.log" 2>&1 &
SERVER=$!
.venv/bin/python Tests/tools/bench_api.py "http://127.0.0.1:$PORT" "$KEY" "$DOSSIERS"
