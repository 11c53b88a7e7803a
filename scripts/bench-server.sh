# Sourced by the server benchmarks of `make bench` (bench-api.sh, bench-directory.sh):
# the release build, a data folder and the clean-up that stops what they started.
swift build -c release --product guichet >/dev/null 2>&1 || swift build -c release --product guichet
BIN=.build/release/guichet

cleanup() {
  local status=$?
  # A failed run says why: the server's last lines (its data folder goes next).
  if [ "$status" -ne 0 ] && [ -f "${DATA:-}/server.log" ]; then echo "server log:" >&2; tail -20 "$DATA/server.log" >&2; fi
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  scripts/postgres.sh stop >/dev/null 2>&1 || true
  rm -rf "${DATA:-}"
}
trap cleanup EXIT

free_port() {
  .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
