"""One `guichet serve` for the Python test stages (faults, api): its data folder, its
commands, and a browser-like client (cookies, CSRF) that never raises for an HTTP status."""
import http.cookiejar
import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("GUICHET_BIN", str(ROOT / ".build" / "debug" / "guichet"))
CAPTCHA = "K7M4PX"
DEMO = ("jeanne.martin", "un café au lait sans sucre")


def multipart(fields, files, boundary="----guichet-tests"):
    """(body, content type) of a multipart/form-data upload."""
    body = b""
    for name, value in fields:
        body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode()
    for name, filename, data in files:
        body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                 % (boundary, name, filename)).encode() + data + b"\r\n"
    return body + ("--%s--\r\n" % boundary).encode(), "multipart/form-data; boundary=" + boundary


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Portal:
    """One `guichet serve`, its data folder, and a browser-like client (cookies, CSRF)."""

    def __init__(self, data_dir, extra_env=None):
        self.data_dir = pathlib.Path(data_dir)
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.env = dict(os.environ, DATA_DIR=str(self.data_dir), CAPTCHA_TEST_CODE=CAPTCHA, BASE_URL=self.url,
                        OUTBOX_POLL_SECONDS="0.5", SHIPPED_DIRECTORY="false")
        self.env.update(extra_env or {})
        self.process = None
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def command(self, *arguments):
        """Runs a `guichet` command on the same data; returns its standard output."""
        done = subprocess.run([BINARY, *arguments], env=self.env, check=True, capture_output=True, timeout=180)
        return done.stdout.decode()

    def start(self):
        log = open(self.data_dir.parent / ("server-%d.log" % self.port), "a")
        self.process = subprocess.Popen([BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.wait_until(lambda: self.status("/healthz") == 200, "the server did not start", timeout=120)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def request(self, method, path, fields=None, headers=None):
        """(status, body) — never raises for an HTTP status."""
        data = None
        headers = dict(headers or {})
        if fields is not None:
            fields = list(fields) + [("_csrf", self.csrf())]
            data = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None, ""

    def api(self, method, path, key, body=None, headers=None):
        """(status, headers, JSON or None) of a partner-API request."""
        headers = dict(headers or {}, Authorization="Bearer " + key)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + "/api/v1" + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, answer, raw = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer, raw = error.code, error.headers, error.read()
        return status, answer, (json.loads(raw) if raw and "json" in answer.get("Content-Type", "") else None)

    def upload(self, path, fields, files):
        """(status, body) of a multipart form post; the form token travels in the query
        string, as the portal's upload forms send it."""
        body, content_type = multipart(fields, files)
        request = urllib.request.Request(self.url + path + "?_csrf=" + self.csrf(), data=body, method="POST",
                                         headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def status(self, path):
        return self.request("GET", path)[0]

    def csrf(self):
        for cookie in self.jar:
            if cookie.name.endswith("guichet-csrf"):
                return cookie.value
        self.request("GET", "/connexion")
        return next(cookie.value for cookie in self.jar if cookie.name.endswith("guichet-csrf"))

    def sign_in(self, identifier, password):
        self.request("GET", "/connexion")
        return self.request("POST", "/connexion", [("identifier", identifier), ("password", password)])

    def sign_up_fields(self, identifier):
        status, page = self.request("GET", "/creer-un-compte")
        assert status == 200, page[:500]
        challenge = re.search(r'name="captcha_id" value="([^"]+)"', page).group(1)
        return [("identifier", identifier), ("password", "une phrase de passe assez longue"), ("email", identifier + "@exemple.fr"),
                ("civility", "madame"), ("lastName", "Panne"), ("firstNames", "Lucie"), ("captcha_id", challenge), ("captcha", CAPTCHA)]

    @staticmethod
    def wait_until(condition, message, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.3)
        raise AssertionError(message)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


