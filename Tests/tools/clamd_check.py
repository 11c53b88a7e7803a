"""Checks the test run's ClamAV daemon (scripts/clamd.sh) over its UNIX socket, with the
clamd protocol the Swift client speaks. Standard library only.

    clamd_check.py SOCKET            # daemon running: PING, INSTREAM verdicts, size limit
    clamd_check.py --stopped SOCKET  # daemon stopped: connecting fails (refused / no socket)

Prints one line per check with clamd's exact reply; exits 0 when every expectation holds.
The embedded-EICAR expectations rely on scripts/clamd.sh's body signature (.ndb); a clamd
with only a hash signature of the 68-byte file would answer OK to some of them.

Protocol notes (clamd 1.x): a command is "z" + NAME + NUL (replies end with NUL) or
"n" + NAME + newline (replies end with newline). INSTREAM is followed by chunks, each a
4-byte big-endian length and the bytes, then a zero length. Replies: "stream: OK",
"stream: NAME FOUND", "INSTREAM size limit exceeded. ERROR" (the daemon then closes the
connection, so the client may get EPIPE/ECONNRESET while still sending: read the reply
anyway), "... ERROR" for other failures.
"""
import argparse
import errno
import gzip
import io
import re
import socket
import struct
import sys
import threading
import time
import zipfile
import zlib

# In two pieces so that this file itself does not hold the EICAR string and trip a scanner.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-" b"ANTIVIRUS-TEST-FILE!$H+H*"
assert len(EICAR) == 68
FOUND = re.compile(rb"^stream: (\S+) FOUND\0$")


def command(path, line, timeout=10):
    """Sends a z-command without payload, returns the reply up to and including its NUL."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(timeout)
        s.connect(path)
        s.sendall(line)
        return read_reply(s)


def read_reply(s):
    reply = b""
    while not reply.endswith(b"\0"):
        try:
            data = s.recv(4096)
        except ConnectionResetError:
            break
        if not data:
            break
        reply += data
    return reply


def instream(path, data, chunk=64 * 1024, timeout=60):
    """Streams data with zINSTREAM; returns (reply, send error or None)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(timeout)
        s.connect(path)
        failure = None
        try:
            s.sendall(b"zINSTREAM\0")
            view = memoryview(data)
            for start in range(0, len(data), chunk):
                part = view[start:start + chunk]
                s.sendall(struct.pack(">I", len(part)) + part)
            s.sendall(struct.pack(">I", 0))
        except (BrokenPipeError, ConnectionResetError) as error:
            failure = error
        return read_reply(s), failure


def pdf(content, deflate=False):
    """A one-page PDF whose page content stream is `content` (raw or FlateDecode)."""
    body = zlib.compress(content) if deflate else content
    extra = b"/Filter /FlateDecode " if deflate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< " + extra + b"/Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def zipped(name, data, method=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


class Checks:
    def __init__(self):
        self.failures = 0

    def expect(self, label, ok, detail):
        print(f"{'ok  ' if ok else 'FAIL'} {label}: {detail}")
        if not ok:
            self.failures += 1


def running(path, stream_max):
    checks = Checks()
    clean_pdf = pdf(b"BT /F1 12 Tf 72 720 Td (Justificatif de domicile) Tj ET")

    reply = command(path, b"zPING\0")
    checks.expect("PING", reply == b"PONG\0", repr(reply))
    reply = command(path, b"zVERSION\0")
    checks.expect("VERSION", reply.startswith(b"ClamAV ") and reply.endswith(b"\0"), repr(reply))
    reply = command(path, b"zNOSUCHCOMMAND\0")
    checks.expect("unknown command", reply == b"UNKNOWN COMMAND\0", repr(reply))

    infected = {
        "(a) EICAR, 68 bytes": (EICAR, {}),
        "(a) EICAR in 7-byte chunks": (EICAR, {"chunk": 7}),
        "(c) EICAR appended to a PDF": (clean_pdf + EICAR, {}),
        "(c) EICAR in a raw PDF content stream": (pdf(EICAR), {}),
        "(c) EICAR in a FlateDecode PDF stream": (pdf(EICAR, deflate=True), {}),
        "(c) EICAR after 1 MB of text": (b"a" * 1_000_000 + EICAR + b"\n", {}),
        "(c) EICAR in a ZIP (stored)": (zipped("eicar.com", EICAR, zipfile.ZIP_STORED), {}),
        "(c) EICAR in a ZIP (deflated)": (zipped("eicar.com", EICAR), {}),
        "(c) EICAR inside a text file in a ZIP": (zipped("a.txt", b"bonjour " * 1000 + EICAR), {}),
        "(c) EICAR in a ZIP in a ZIP": (zipped("inner.zip", zipped("eicar.com", EICAR)), {}),
        "(c) EICAR gzipped": (gzip.compress(EICAR), {}),
    }
    for label, (data, options) in infected.items():
        reply, _ = instream(path, data, **options)
        checks.expect(label, FOUND.match(reply) is not None, repr(reply))

    clean = {
        "(b) clean PDF": clean_pdf,
        "(b) clean text": "Pièce justificative n°1\n".encode() * 200,
        "(b) empty stream": b"",
    }
    for label, data in clean.items():
        reply, _ = instream(path, data)
        checks.expect(label, reply == b"stream: OK\0", repr(reply))

    ten_mb = bytes(range(256)) * (10 * 1000 * 1000 // 256)
    started = time.monotonic()
    reply, _ = instream(path, ten_mb, chunk=1024 * 1024)
    elapsed = time.monotonic() - started
    checks.expect(f"(b) clean 10 MB stream ({elapsed:.2f} s)", reply == b"stream: OK\0", repr(reply))

    # (d) StreamMaxLength: exactly the limit is scanned, one byte more is refused.
    reply, _ = instream(path, b"\0" * stream_max, chunk=1024 * 1024)
    checks.expect(f"(d) stream of StreamMaxLength = {stream_max} bytes", reply == b"stream: OK\0", repr(reply))
    for label, size, chunk in [("(d) StreamMaxLength + 1 byte", stream_max + 1, 1024 * 1024),
                               ("(d) StreamMaxLength + 5 MiB", stream_max + 5 * 1024 * 1024, 1024 * 1024),
                               ("(d) one chunk larger than StreamMaxLength", stream_max + 1, stream_max + 1)]:
        reply, failure = instream(path, b"\0" * size, chunk=chunk)
        note = f" (while sending: {type(failure).__name__})" if failure else ""
        checks.expect(label, reply == b"INSTREAM size limit exceeded. ERROR\0", repr(reply) + note)

    # Parallel scans, as the Swift tests run concurrently.
    replies = [None] * 16

    def scan(index):
        replies[index] = instream(path, EICAR if index % 2 else clean_pdf)[0]
    threads = [threading.Thread(target=scan, args=(index,)) for index in range(len(replies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = all((FOUND.match(r) is not None) if i % 2 else r == b"stream: OK\0" for i, r in enumerate(replies))
    checks.expect("16 concurrent scans", expected, repr(sorted(set(replies))))
    return checks.failures


def stopped(path):
    checks = Checks()
    try:
        reply = command(path, b"zPING\0", timeout=5)
        checks.expect("(e) connect to a stopped clamd", False, f"answered {reply!r}")
    except OSError as error:
        # ENOENT: the socket file is gone (clamd.sh stop removes the folder);
        # ECONNREFUSED: the file remains but nothing listens (clamd killed).
        code = errno.errorcode.get(error.errno, str(error.errno))
        checks.expect("(e) connect to a stopped clamd", error.errno in (errno.ENOENT, errno.ECONNREFUSED),
                      f"{type(error).__name__} {code}: {error.strerror}")
    return checks.failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("socket")
    parser.add_argument("--stopped", action="store_true", help="expect no daemon on the socket")
    parser.add_argument("--stream-max", type=int, default=25 * 1024 * 1024,
                        help="clamd's StreamMaxLength in bytes (scripts/clamd.sh: 25M)")
    arguments = parser.parse_args()
    if arguments.stopped:
        failures = stopped(arguments.socket)
    else:
        try:
            failures = running(arguments.socket, arguments.stream_max)
        except OSError as error:
            print(f"FAIL talking to clamd on {arguments.socket}: {type(error).__name__}: {error}")
            sys.exit(1)
    print("all expectations hold" if failures == 0 else f"{failures} expectation(s) failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
