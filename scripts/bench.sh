#!/usr/bin/env bash
# make bench: the document engine against its peers, measured in the same run on the same
# generated inputs, with the goals of the wallet issue; then the partner API's list on
# PostgreSQL (scripts/bench-api.sh) and the directory search on both databases
# (scripts/bench-directory.sh). Exits 1 if a goal is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
INPUTS=.build/bench-inputs
mkdir -p "$INPUTS"
[ -f "$INPUTS/document-50.pdf" ] || .venv/bin/python Tests/tools/bench_inputs.py "$INPUTS"
swift build -c release --product guichet-bench >/dev/null 2>&1 || swift build -c release --product guichet-bench
BENCH=.build/release/guichet-bench
$BENCH topdf "$INPUTS/photo-12mp.jpg" "$INPUTS/photo-12mp.pdf"
$BENCH topdf "$INPUTS/scan-a4-rgb.png" "$INPUTS/scan-a4-rgb.pdf"
$BENCH topdf "$INPUTS/scan-a4-gray.png" "$INPUTS/scan-a4-gray.pdf"
# Four documents, about 10 MB together: text pages, a photo, two scans.
MERGE=("$INPUTS/document-50.pdf" "$INPUTS/photo-12mp.pdf" "$INPUTS/scan-a4-rgb.pdf" "$INPUTS/scan-a4-gray.pdf")

ours_convert=$($BENCH convert "$INPUTS")
ours_merge=$($BENCH merge "${MERGE[@]}")
ours_memory=$($BENCH merge-memory "${MERGE[@]}")
peers=$(.venv/bin/python Tests/tools/bench_peers.py "$INPUTS" "${MERGE[@]}" 2>/dev/null)
input_bytes=$(cat "${MERGE[@]}" | wc -c)

status=0
.venv/bin/python - "$ours_convert" "$ours_merge" "$ours_memory" "$peers" "$input_bytes" <<'PY' || status=1
import json, sys
ours = {**json.loads(sys.argv[1]), **json.loads(sys.argv[2])}
memory, peers, input_bytes = int(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5])
print("%-34s %12s" % ("measure (median, in-process)", "ms"))
for name in sorted({**ours, **peers}):
    value = {**ours, **peers}[name]
    if isinstance(value, (int, float)):
        print("%-34s %12.1f" % (name, value))
    elif value is not None:
        print("%-34s %s" % (name, value))
goals = []
def goal(label, ratio, limit, better="lower"):
    ok = ratio <= limit if better == "lower" else ratio >= limit
    goals.append(ok)
    print("%-58s %8.2f  goal %s %s  %s" % (label, ratio, "<=" if better == "lower" else ">=", limit, "ok" if ok else "MISSED"))
print()
for scan in ["scan-a4-gray.png", "scan-a4-rgb.png"]:
    goal("PNG %s: img2pdf / guichet (times faster)" % scan, peers["img2pdf " + scan] / ours["guichet " + scan], 10, "higher")
goal("JPEG photo: guichet / plain copy of its bytes", ours["guichet photo-12mp.jpg"] / max(ours["copy photo-12mp.jpg"], 0.001), 2)
if peers.get("img2pdf rgba.png"):
    print("%-58s %8.2f  (for information)" % ("RGBA PNG: img2pdf / guichet", peers["img2pdf rgba.png"] / ours["guichet rgba.png"]))
goal("merge of 4 documents (%.1f MB): guichet / pikepdf" % (input_bytes / 1e6), ours["guichet merge"] / peers["pikepdf merge"], 1.2)
print("%-58s %8.2f  (qpdf command: Debian's libqpdf, like Guichet; pikepdf bundles libqpdf %s)" % ("merge: guichet / qpdf command", ours["guichet merge"] / peers["qpdf command merge"], peers["pikepdf libqpdf version"]))
goal("peak memory added by the merge / input size", memory / input_bytes, 3)
sys.exit(0 if all(goals) else 1)
PY
echo
scripts/bench-api.sh || status=1
echo
scripts/bench-directory.sh || status=1
exit $status
