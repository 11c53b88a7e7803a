#!/usr/bin/env bash
# A throwaway ClamAV daemon for the test run, on a private UNIX socket (no TCP), with a
# signature database written here that detects the EICAR test string: no freshclam, no
# network, and nothing shared with a system clamd (own folder, own config, own socket).
#   scripts/clamd.sh start    # prints nothing; writes .build/clamd.env; no-op when running
#   scripts/clamd.sh socket   # the socket path: CLAMD_SOCKET=$(scripts/clamd.sh socket)
#   scripts/clamd.sh stop     # stops it and removes its folder; no-op when stopped
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.build/clamd.env
TIMEOUT="${GUICHET_TEST_CLAMD_TIMEOUT:-60}"   # seconds for clamd to answer PING

# The 68-byte EICAR anti-virus test string (https://www.eicar.org/download-anti-malware-testfile/),
# in two pieces so that this file itself does not hold it and trip a scanner.
# shellcheck disable=SC2016
EICAR='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-''ANTIVIRUS-TEST-FILE!$H+H*'

clamd_bin() {
  local bin
  bin=$(command -v clamd || true)
  [ -n "$bin" ] || [ ! -x /usr/sbin/clamd ] || bin=/usr/sbin/clamd
  [ -n "$bin" ] || { echo "clamd not found (apt-get install clamav-daemon)" >&2; exit 1; }
  echo "$bin"
}

# Exit status 0 when the daemon behind socket $1 answers PING with PONG.
ping_clamd() {
  python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall(b"zPING\0")
reply = b""
while not reply.endswith(b"\0"):
    data = s.recv(64)
    if not data:
        break
    reply += data
sys.exit(0 if reply == b"PONG\0" else 1)
PY
}

# Exit status 0 when the clamd recorded in the state file is alive and answers PING.
running() {
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
  kill -0 "$CLAMD_PID" 2>/dev/null && ping_clamd "$CLAMD_SOCKET"
}

start() {
  if running; then return 0; fi
  stop
  local bin root socket pid hex waited=0
  bin=$(clamd_bin)
  command -v python3 >/dev/null || { echo "python3 not found (needed to PING clamd)" >&2; exit 1; }
  root=$(mktemp -d "${TMPDIR:-/tmp}/guichet-clamd.XXXXXX")
  socket="$root/clamd.sock"
  # sockaddr_un.sun_path holds 108 bytes, the terminating NUL included.
  [ ${#socket} -le 107 ] || { rm -rf "$root"; echo "socket path too long for a UNIX socket: $socket (set a shorter TMPDIR)" >&2; exit 1; }

  # A body signature (.ndb, target 0 = any file type, offset * = anywhere) of the whole
  # EICAR string, not a hash (.hdb) of the 68-byte file: it also matches EICAR embedded in
  # a larger file (appended to a PDF, in a PDF stream, in a ZIP or gzip member), where
  # clamd reports it as "Guichet.Test.EICAR.UNOFFICIAL" (clamd's suffix for unsigned databases).
  hex=$(printf '%s' "$EICAR" | od -An -v -tx1 | tr -d ' \n')
  printf 'Guichet.Test.EICAR:0:*:%s\n' "$hex" > "$root/guichet-test.ndb"

  # Every path in the folder; no TCPSocket line, so no TCP listener. StreamMaxLength is
  # INSTREAM's limit (uploads are at most 20 MB); above it clamd answers
  # "INSTREAM size limit exceeded. ERROR". Files over MaxFileSize, or archives over
  # MaxScanSize, are scanned only up to the limit and reported OK (AlertExceedsMax off).
  # As root (CI containers) clamd keeps root rather than switching to Debian's clamav user,
  # who could not read this folder; otherwise it runs as the invoking user.
  local user_line="# User: the invoking user"
  [ "$(id -u)" != 0 ] || user_line="User root"
  cat > "$root/clamd.conf" <<EOF
LocalSocket $socket
LocalSocketMode 600
FixStaleSocket yes
Foreground yes
$user_line
DatabaseDirectory $root
TemporaryDirectory $root
PidFile $root/clamd.pid
LogFile $root/clamd.log
LogTime yes
SelfCheck 0
StreamMaxLength 25M
MaxFileSize 25M
MaxScanSize 100M
EOF

  mkdir -p .build
  # In the caller's process group (no setsid), so a CI job's end takes it down with the rest.
  "$bin" --config-file="$root/clamd.conf" </dev/null >"$root/clamd.out" 2>&1 &
  pid=$!
  printf 'CLAMD_ROOT=%s\nCLAMD_PID=%s\nCLAMD_SOCKET=%s\n' "$root" "$pid" "$socket" > "$STATE"

  # clamd loads the database, then listens; a few seconds on a slow machine.
  until [ -S "$socket" ] && ping_clamd "$socket"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "clamd exited while starting; its output:" >&2
      tail -n 20 "$root/clamd.out" >&2 2>/dev/null || true
      stop
      exit 1
    fi
    if [ "$waited" -ge $((TIMEOUT * 5)) ]; then
      echo "clamd did not answer PING within ${TIMEOUT}s; its output:" >&2
      tail -n 20 "$root/clamd.out" >&2 2>/dev/null || true
      stop
      exit 1
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

stop() {
  [ -f "$STATE" ] || return 0
  # shellcheck disable=SC1090
  . "$STATE"
  # Only the clamd started with our config, not whatever process reuses a stale pid.
  if kill -0 "$CLAMD_PID" 2>/dev/null \
     && tr '\0' ' ' < "/proc/$CLAMD_PID/cmdline" 2>/dev/null | grep -qF -- "$CLAMD_ROOT/clamd.conf"; then
    kill -TERM "$CLAMD_PID" 2>/dev/null || true
    local _
    for _ in $(seq 1 50); do
      kill -0 "$CLAMD_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$CLAMD_PID" 2>/dev/null; then kill -KILL "$CLAMD_PID" 2>/dev/null || true; fi
  fi
  rm -rf "$CLAMD_ROOT" "$STATE"
}

socket() {
  [ -f "$STATE" ] || { echo "clamd is not started (scripts/clamd.sh start)" >&2; exit 1; }
  # shellcheck disable=SC1090
  . "$STATE"
  echo "$CLAMD_SOCKET"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  socket) socket ;;
  *) echo "usage: $0 start|stop|socket" >&2; exit 2 ;;
esac
