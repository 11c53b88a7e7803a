"""Latency of GET /api/v1/dossiers on a live server (scripts/bench-api.sh): the first
page, pages reached by following the cursor deep into the list, and a state filter.
Prints p50/p95/p99 in milliseconds; exits 1 if a p95 is 20 ms or more."""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

url, key, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
parsed = urllib.parse.urlparse(url)
connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
headers = {"Authorization": "Bearer " + key}


def wait_for_health():
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            probe = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=2)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def get(path):
    start = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status == 200, (response.status, body[:300])
    return elapsed, json.loads(body)


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return statistics.median(ordered), pick(0.95), pick(0.99)


wait_for_health()
for _ in range(50):
    get("/api/v1/dossiers?limit=100")  # warm-up
first = [get("/api/v1/dossiers?limit=100")[0] for _ in range(300)]
deep, cursor, pages = [], None, 0
while pages < 300:
    elapsed, page = get("/api/v1/dossiers?limit=100" + ("&cursor=" + cursor if cursor else ""))
    deep.append(elapsed)
    cursor, pages = page["next_cursor"], pages + 1
    if cursor is None:
        break
filtered = [get("/api/v1/dossiers?limit=100&state=pris-en-compte")[0] for _ in range(300)]

ok = True
print("partner API, GET /api/v1/dossiers (limit=100), %d dossiers on PostgreSQL, release build" % expected)
print("%-44s %8s %8s %8s" % ("case", "p50 ms", "p95 ms", "p99 ms"))
for label, samples in [("first page", first), ("following the cursor (%d pages)" % len(deep), deep), ("state=pris-en-compte", filtered)]:
    p50, p95, p99 = percentiles(samples)
    ok = ok and p95 < 20
    print("%-44s %8.2f %8.2f %8.2f  goal p95 < 20 ms %s" % (label, p50, p95, p99, "ok" if p95 < 20 else "MISSED"))
sys.exit(0 if ok else 1)
