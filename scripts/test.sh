#!/usr/bin/env bash
# Runs test stages on an existing build: sqlite, postgres, faults, api, browser, fuzz (in
# that order by default; fuzz builds its own instrumented target).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- sqlite postgres faults api browser fuzz

# Every stage scans uploads with a real ClamAV daemon (its own socket and a test
# signature of EICAR): started once here, stopped at the end whatever happens.
cleanup() { scripts/clamd.sh stop || true; scripts/postgres.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
scripts/clamd.sh start
CLAMD_SOCKET=$(scripts/clamd.sh socket)
export CLAMD_SOCKET

# Runs the Swift suite; on failure, repeats its failed checks at the end of the output,
# where a CI log's tail shows them.
swift_suite() {
  local log
  log=$(mktemp)
  if swift test --skip-build 2>&1 | tee "$log"; then
    rm -f "$log"
  else
    echo "==> Failed checks ($1):"
    grep -E "^✘|Fatal error|Program crashed" "$log" | grep -v "^✘ Test run" | tail -n 60 || true
    rm -f "$log"
    return 1
  fi
}

for stage in "$@"; do
  case "$stage" in
    sqlite)
      echo "==> Test suite on SQLite"
      swift_suite sqlite
      ;;
    postgres)
      echo "==> Test suite on PostgreSQL"
      scripts/postgres.sh start
      GUICHET_TEST_DATABASE_URL=$(scripts/postgres.sh url) swift_suite postgres
      scripts/postgres.sh stop
      ;;
    faults)
      echo "==> Faults: the database stopped, the disk full, the server killed (real server)"
      ${SWIFT_BUILD:-swift build --explicit-target-dependency-import-check error} --product guichet
      scripts/postgres.sh start
      .venv/bin/python -m pytest -q Tests/faults
      scripts/postgres.sh stop
      ;;
    api)
      echo "==> Partner API on a live server: webhooks to a real receiver, schemathesis over openapi.json"
      ${SWIFT_BUILD:-swift build --explicit-target-dependency-import-check error} --product guichet
      .venv/bin/python -m pytest -q Tests/api
      echo "schemathesis log: .build/schemathesis.log"
      ;;
    browser)
      echo "==> Browser journeys (headless Chromium, axe-core)"
      ${SWIFT_BUILD:-swift build --explicit-target-dependency-import-check error} --product guichet
      .venv/bin/python -m pytest -q Tests/browser
      echo "Screenshots: .build/screenshots/"
      ;;
    fuzz)
      scripts/fuzz.sh ci
      ;;
    *)
      echo "unknown stage: $stage (sqlite, postgres, faults, api, browser, fuzz)" >&2
      exit 2
      ;;
  esac
done
