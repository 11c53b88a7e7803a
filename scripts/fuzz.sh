#!/usr/bin/env bash
# libFuzzer over the document engine: every upload goes through format detection, the
# image decoders, the JPEG table checks, the PDF checks and libqpdf (Fuzz/guichet-fuzz),
# built with the fuzzer and AddressSanitizer in its own build folder and seeded with the
# generated test corpus.
#   scripts/fuzz.sh ci         a fixed seed and number of runs (make test): the same
#                              inputs on every machine, so a red CI means a real finding
#   scripts/fuzz.sh [SECONDS]  an exploratory run (make fuzz; 600 s by default) that keeps
#                              what it discovers in .build-fuzz/corpus for the next one
# A crash leaves its input in .build-fuzz/crashes/; reproduce it in an ordinary build with
# `swift build --product guichet-fuzz && .build/debug/guichet-fuzz FILE`, then add such a
# file to Tests/tools/make_corpus.py.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-600}
build=.build-fuzz
echo "==> Fuzzing the document engine (libFuzzer, AddressSanitizer): $mode"
# lld: gold fails to link the sanitizer runtime. Package warnings and progress are hidden.
swift build --scratch-path "$build" -c release --product guichet-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld 2>&1 \
  | grep -vE "^\[|distributed-tracing|CMakeLists.txt" || true
[ -x "$build/release/guichet-fuzz" ] || { echo "the fuzz target did not build" >&2; exit 1; }
seeds="$build/seeds"
rm -rf "$seeds" "$build/crashes"
.venv/bin/python Tests/tools/make_corpus.py "$seeds" >/dev/null
rm -f "$seeds/manifest.json"
mkdir -p "$build/crashes"
if [ "$mode" = ci ]; then
  corpus=$(mktemp -d)
  trap 'rm -rf "$corpus"' EXIT
  bounds=(-seed=1 -runs=30000)
else
  corpus="$build/corpus"
  mkdir -p "$corpus"
  bounds=(-max_total_time="$mode")
fi
# Inputs are cut at 64 KB: the decoders' paths are reached well before. Swift's own crash
# reporter is off: libFuzzer and the sanitizer report, and keep the input.
status=0
SWIFT_BACKTRACE=enable=no "$build/release/guichet-fuzz" "$corpus" "$seeds" "${bounds[@]}" \
  -max_len=65536 -timeout=30 -rss_limit_mb=4096 -artifact_prefix="$build/crashes/" -print_final_stats=1 \
  > "$build/fuzz.log" 2>&1 || status=$?
# libjpeg's warnings about damaged pixel data are expected (it only warns): left out.
grep -vE "^#[0-9]+.*(NEW|REDUCE|pulse)|^Corrupt JPEG data|^Premature end of JPEG|^Warning: " "$build/fuzz.log" | tail -n 60
if [ "$status" -ne 0 ] || compgen -G "$build/crashes/*" >/dev/null; then
  echo "==> The fuzzer found an input the document engine mishandles (exit $status):" >&2
  ls -l "$build/crashes/" >&2
  exit 1
fi
