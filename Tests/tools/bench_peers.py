"""Times the peers in-process (no process start-up): img2pdf.convert for each image,
pikepdf for merging. Prints one JSON object: {"name": milliseconds, …}.

    bench_peers.py INPUTDIR MERGE_FILE…
"""
import io
import json
import pathlib
import statistics
import sys
import time

import img2pdf
import pikepdf

inputs = pathlib.Path(sys.argv[1])
merge_files = sys.argv[2:]


def median_ms(work, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def merge():
    output = pikepdf.new()
    sources = [pikepdf.open(path) for path in merge_files]
    for source in sources:
        output.pages.extend(source.pages)
    buffer = io.BytesIO()
    output.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    for source in sources:
        source.close()


results = {}
for name in ["photo-12mp.jpg", "scan-a4-gray.png", "scan-a4-rgb.png", "rgba.png"]:
    data = (inputs / name).read_bytes()
    try:
        results["img2pdf " + name] = median_ms(lambda: img2pdf.convert(data), 5)
    except Exception as error:  # img2pdf refuses alpha channels
        results["img2pdf " + name] = None
        results["img2pdf " + name + " error"] = str(error)
results["pikepdf merge"] = median_ms(merge, 7)
results["pikepdf libqpdf version"] = pikepdf.__libqpdf_version__
# For context: Debian's qpdf (the library Guichet uses), as a command, start-up included.
import subprocess
results["qpdf command merge"] = median_ms(lambda: subprocess.run(
    ["qpdf", "--empty", "--pages", *merge_files, "--", "--object-streams=generate", "--stream-data=preserve", "/dev/null"],
    check=True), 5)
print(json.dumps(results))
