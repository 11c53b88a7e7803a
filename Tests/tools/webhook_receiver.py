"""A webhook receiver for the tests: verifies each delivery's signature as a partner
would (HMAC-SHA256 of "<t>.<body>", a timestamp at most five minutes old), records the
events, and can be stopped and started again on the same port to play a receiver that
is down."""
import hashlib
import hmac
import http.server
import json
import threading
import time


def signature_is_valid(secret, header, body, tolerance=300):
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = hmac.new(secret.encode(), b"%d." % timestamp + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


class Receiver:
    def __init__(self, port):
        self.port = port
        self.url = "http://127.0.0.1:%d/guichet" % port
        self.secret = None
        self.events = []
        self.rejected = []
        self.lock = threading.Lock()
        self.httpd = None

    def start(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                header = self.headers.get("Guichet-Signature", "")
                with receiver.lock:
                    if receiver.secret and signature_is_valid(receiver.secret, header, body):
                        event = json.loads(body)
                        event["_header_id"] = self.headers.get("Guichet-Event-Id")
                        receiver.events.append(event)
                        status = 204
                    else:
                        receiver.rejected.append(body)
                        status = 401
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None

    def wait_for(self, count, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if len(self.events) >= count:
                    return list(self.events)
            time.sleep(0.2)
        with self.lock:
            raise AssertionError("received %d of %d events; rejected %d" % (len(self.events), count, len(self.rejected)))
