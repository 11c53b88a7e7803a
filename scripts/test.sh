#!/usr/bin/env bash
# Runs test stages on an existing build: sqlite, postgres, browser (in that order by default).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- sqlite postgres browser

for stage in "$@"; do
  case "$stage" in
    sqlite)
      echo "==> Test suite on SQLite"
      swift test --skip-build
      ;;
    postgres)
      echo "==> Test suite on PostgreSQL"
      trap 'scripts/postgres.sh stop' EXIT
      scripts/postgres.sh start
      GUICHET_TEST_DATABASE_URL=$(scripts/postgres.sh url) swift test --skip-build
      scripts/postgres.sh stop
      trap - EXIT
      ;;
    browser)
      echo "==> Browser journeys (headless Chromium, axe-core)"
      swift build --product guichet
      .venv/bin/python -m pytest -q Tests/browser
      echo "Screenshots: .build/screenshots/"
      ;;
    *)
      echo "unknown stage: $stage (sqlite, postgres, browser)" >&2
      exit 2
      ;;
  esac
done
