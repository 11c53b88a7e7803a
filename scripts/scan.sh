#!/usr/bin/env bash
# make scan: the wapiti web scanner against the built server, first signed out over the
# whole site, then signed in as the demonstration citizen; reports in .build/scan/.
#   scripts/scan.sh                       # GUICHET_BIN (default .build/debug/guichet) must exist
#   SCAN_CRAWL_SECONDS=60 SCAN_ATTACK_SECONDS=20 scripts/scan.sh   # the time bounds (defaults)
# Exits 1 when wapiti reports a vulnerability or an anomaly that scripts/scan-accepted.txt
# does not list (category and path) with its reason, or when the server answered any
# request with a 5xx error; docs/security.md says what the scans cover and why each
# accepted finding is accepted.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${GUICHET_BIN:-.build/debug/guichet}"
CRAWL_SECONDS="${SCAN_CRAWL_SECONDS:-60}"     # wapiti's exploration, per scan
ATTACK_SECONDS="${SCAN_ATTACK_SECONDS:-20}"   # each attack module, per scan
OUT=.build/scan
ACCEPTED=scripts/scan-accepted.txt
REQUIREMENTS=scripts/scan-requirements.txt
VENV=.venv-scan
# Attack modules: every default one but ssl (the scan is plain http on 127.0.0.1) and
# ssrf (it needs wapiti's public endpoint), plus the request-forgery, header-injection,
# HTTP-method and leftover-file checks. Left out on purpose: timesql, ldap, xxe, shellshock,
# log4shell, spring4shell, wapp, nikto, buster, brute_login_form (docs/security.md says why).
MODULES="cookieflags,csp,http_headers,csrf,crlf,exec,file,sql,xss,permanentxss,redirect,upload,methods,backup,htaccess"
# The demonstration citizen (Sources/GuichetServer/DemoData.swift): no second factor.
IDENTIFIER=jeanne.martin
PASSWORD="un café au lait sans sucre"

[ -x "$BIN" ] || { echo "no server executable at $BIN (make build, or set GUICHET_BIN)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 1; }

# wapiti in its own virtualenv (its pins clash with the test tools' in .venv).
if [ ! -x "$VENV/bin/wapiti" ] || ! cmp -s "$REQUIREMENTS" "$VENV/requirements.installed"; then
  echo "==> Preparing wapiti in $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$VENV/requirements.installed"
fi

rm -rf "$OUT"
mkdir -p "$OUT"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/guichet-scan.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local _
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"

# The testing mode: like production but on http and without the development outbox
# (/dev/outbox is only registered in development); /metrics needs a token, as in
# production. SQLite and the outbox in the throwaway DATA_DIR; uploads are scanned by
# clamd only when CLAMD_SOCKET is set. The log is read at the end for server errors.
export DATA_DIR="$DATA" VAPOR_ENV=testing BASE_URL="$URL" OUTBOX_POLL_SECONDS=1 \
       METRICS_TOKEN="scan-$RANDOM$RANDOM$RANDOM" LOG_FORMAT=text LOG_LEVEL=info
unset DATABASE_URL SMTP_URL SMS_GATEWAY_URL CAPTCHA_TEST_CODE TRUST_PROXY TRUST_PROXY_HOPS

echo "==> Starting $BIN on $URL (data in $DATA, log in $OUT/server.log)"
"$BIN" demo >"$OUT/server.log" 2>&1 || { tail -n 20 "$OUT/server.log" >&2; echo "guichet demo failed" >&2; exit 1; }
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" >>"$OUT/server.log" 2>&1 &
SERVER_PID=$!
python3 - "$URL" "$SERVER_PID" <<'PY'
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 90
while True:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
            if response.status == 200:
                break
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("the server exited while starting; see .build/scan/server.log")
    if time.time() > deadline:
        sys.exit("the server did not answer /healthz within 90 s; see .build/scan/server.log")
    time.sleep(0.3)
PY

# Signs in first: the signed-out scan's attacks on /connexion pause 127.0.0.1 (20
# failures in 15 minutes), after which no sign-in from here would pass. Then puts one
# document in the wallet, so that its download and rename pages are scanned too.
COOKIE=$(python3 - "$URL" "$IDENTIFIER" "$PASSWORD" <<'PY'
import http.cookiejar, re, struct, sys, urllib.parse, urllib.request, uuid, zlib
url, identifier, password = sys.argv[1:4]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(url + "/connexion", timeout=30).read().decode()
token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"_csrf": token, "identifier": identifier, "password": password}).encode()
response = opener.open(url + "/connexion", data=form, timeout=60)
if urllib.parse.urlsplit(response.geturl()).path != "/mon-compte":
    sys.exit("the demonstration citizen could not sign in (ended at %s)" % response.geturl())

# An 8×8 RGB PNG, sent as the wallet's form does (multipart, the form token in the action).
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\x00" + b"\x20\x60\xa0" * 8 for _ in range(8))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
page = opener.open(url + "/mon-compte/mes-documents/ajouter", timeout=30).read().decode()
action = re.search(r'action="(/mon-compte/mes-documents/ajouter\?_csrf=[^"]+)"', page).group(1)
boundary = uuid.uuid4().hex.encode()
body = b""
for name, value in ((b"title", "Justificatif de domicile".encode()), (b"category", b"autre")):
    body += b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, name, value)
body += (b'--%s\r\nContent-Disposition: form-data; name="fichier1"; filename="domicile.png"\r\n'
         b"Content-Type: image/png\r\n\r\n%s\r\n--%s--\r\n" % (boundary, png, boundary))
upload = urllib.request.Request(url + action, data=body,
                                headers={"Content-Type": "multipart/form-data; boundary=" + boundary.decode()})
if "/telecharger" not in opener.open(upload, timeout=120).read().decode():
    sys.exit("the demonstration document could not be added to the wallet")
print("; ".join("%s=%s" % (cookie.name, cookie.value) for cookie in jar))
PY
)

# Still signed in with that cookie? (Exit status 0 when /mon-compte answers 200.)
signed_in() {
  python3 - "$URL" "$COOKIE" <<'PY'
import sys, urllib.request
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None
request = urllib.request.Request(sys.argv[1] + "/mon-compte", headers={"Cookie": sys.argv[2]})
try:
    status = urllib.request.build_opener(NoRedirect).open(request, timeout=30).status
except urllib.error.HTTPError as error:
    status = error.code
sys.exit(0 if status == 200 else 1)
PY
}

# One wapiti run: $1 its name, then extra arguments. Never the sign-out form; not the
# account's deletion (it needs the password, but a scan has no business there) nor the
# document's (its rename and download pages are scanned with it kept); not the captcha
# pictures and sounds (a new one per page view: endless, and espeak-ng for each sound).
# The form token (_csrf) is sent as found but not attacked: a changed one is refused
# before any handler runs, and the csrf module checks exactly that.
scan() {
  local name=$1
  shift
  echo "==> wapiti, $name (crawl ${CRAWL_SECONDS}s, ${ATTACK_SECONDS}s per module; log in $OUT/$name.log)"
  "$VENV/bin/wapiti" -u "$URL/" --scope folder -m "$MODULES" \
    -x "$URL/deconnexion" -x "$URL/mon-compte/mes-options/suppression" -x "$URL/mon-compte/mes-documents/*/supprimer" \
    -x "$URL/code-de-securite/*" \
    --skip _csrf --max-scan-time "$CRAWL_SECONDS" --max-attack-time "$ATTACK_SECONDS" --tasks 8 --timeout 30 \
    --flush-session --store-session "$OUT/session-$name" --store-config "$OUT/config" \
    --no-bugreport -v 1 -f json -o "$OUT/$name.json" "$@" >"$OUT/$name.log" 2>&1 \
    || { tail -n 30 "$OUT/$name.log" >&2; echo "wapiti failed ($name)" >&2; exit 1; }
}

START=$SECONDS
scan signed-out
signed_in || { echo "the demonstration citizen's session ended during the signed-out scan" >&2; exit 1; }
scan signed-in -C "$COOKIE"
# The signed-in scan must really have been signed in, from start to end.
grep -q "/mon-compte/mes-coordonnees" "$OUT/signed-in.log" \
  || { echo "the signed-in scan never reached /mon-compte/mes-coordonnees: its cookie did not work" >&2; exit 1; }
signed_in || { echo "the signed-in scan lost its session (a sign-out URL not excluded?)" >&2; exit 1; }
echo "==> Scans done in $((SECONDS - START)) s"

# The verdict: each finding must match a line of the accepted list (its category, and
# its path by a shell-style pattern); and the server's log must show no 5xx answer
# (wapiti reports server errors only for some of its own attack requests).
python3 - "$ACCEPTED" "$OUT/server.log" "$OUT/signed-out.json" "$OUT/signed-in.json" <<'PY'
import fnmatch, json, re, sys
accepted = []
for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.strip()
    if line and not line.startswith("#"):
        fields = [field.strip() for field in line.split("|")]
        if len(fields) != 3 or not all(fields):
            sys.exit("%s:%d: expected <category> | <path pattern> | <reason>" % (sys.argv[1], number))
        accepted.append(fields)

def is_accepted(category, path):
    return any(category == known and fnmatch.fnmatchcase(path, pattern) for known, pattern, _ in accepted)

refused = 0
with open(sys.argv[2], encoding="utf-8", errors="replace") as log:
    for line in log:
        failed = re.search(r"\bstatus=5\d\d\b", line) is not None
        if failed or "request failed" in line:
            refused += failed
            print("  SERVER ERROR: " + " ".join(line.split()[3:])[:300])
for path in sys.argv[3:]:
    report = json.load(open(path, encoding="utf-8"))
    print("%s: %d URLs and forms crawled" % (path, report["infos"].get("crawled_pages_nbr", 0)))
    for section in ("vulnerabilities", "anomalies"):
        for category, findings in sorted(report.get(section, {}).items()):
            for finding in findings:
                verdict = "accepted" if is_accepted(category, finding.get("path", "")) else "NOT ACCEPTED"
                refused += verdict != "accepted"
                where = "%s %s" % (finding.get("method", ""), finding.get("path", ""))
                if finding.get("parameter"):
                    where += " [%s]" % finding["parameter"]
                info = " ".join(str(finding.get("info", "")).split())[:160]
                print("  %s: %s (%s): %s: %s" % (verdict, category, section, where, info))
    for category, findings in sorted(report.get("additionals", {}).items()):
        if findings:
            print("  for information: %d x %s" % (len(findings), category))
if refused:
    sys.exit("%d finding(s) not in %s (server errors are never accepted): fix them, or explain them"
             " there and in docs/security.md" % (refused, sys.argv[1]))
print("No finding outside %s." % sys.argv[1])
PY
