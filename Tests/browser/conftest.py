"""Starts the built server with a throwaway data folder and drives it with headless Chromium."""
import email
import re
import os
import pathlib
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from axe_core_python.selenium import Axe
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".build" / "screenshots"
CAPTCHA_CODE = "K7M4PX"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, data_dir, port, process):
        self.data_dir = pathlib.Path(data_dir)
        self.url = "http://127.0.0.1:%d" % port
        self.process = process

    def emails_to(self, address, count=1, timeout=15):
        """The emails to one address, oldest first."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.outbox(count=0) if address in (m["To"] or "")]
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError("no email to %s" % address)

    def sms_codes(self, count, timeout=15):
        """The six-digit codes of the SMS written so far, oldest first."""
        folder = self.data_dir / "outbox" / "sms"
        deadline = time.time() + timeout
        while time.time() < deadline:
            files = sorted(folder.glob("*.txt")) if folder.exists() else []
            if len(files) >= count:
                return [re.search(r"\b(\d{6})\b", path.read_text()).group(1) for path in files]
            time.sleep(0.2)
        raise AssertionError("fewer than %d SMS" % count)

    def outbox(self, timeout=15, count=1):
        """The emails written to the outbox folder, waiting for the worker to deliver them."""
        folder = self.data_dir / "outbox"
        deadline = time.time() + timeout
        while time.time() < deadline:
            files = sorted(folder.glob("*.eml")) if folder.exists() else []
            if len(files) >= count:
                return [email.message_from_bytes(path.read_bytes()) for path in files]
            time.sleep(0.2)
        raise AssertionError("the outbox did not receive %d message(s)" % count)


@pytest.fixture(scope="session")
def server():
    binary = os.environ.get("GUICHET_BIN", str(ROOT / ".build" / "debug" / "guichet"))
    data_dir = tempfile.mkdtemp(prefix="guichet-browser-")
    port = free_port()
    environment = dict(os.environ, DATA_DIR=data_dir, CAPTCHA_TEST_CODE=CAPTCHA_CODE,
                       OUTBOX_POLL_SECONDS="0.3", BASE_URL="http://127.0.0.1:%d" % port)
    environment.pop("DATABASE_URL", None)
    log = open(pathlib.Path(data_dir) / "server.log", "w")
    # As `make run` does: the demonstration citizen jeanne.martin exists.
    subprocess.run([binary, "demo"], env=environment, stdout=log, stderr=subprocess.STDOUT, check=True)
    process = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                               env=environment, stdout=log, stderr=subprocess.STDOUT)
    server = Server(data_dir, port, process)
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError("the server did not start; see %s/server.log" % data_dir)
            time.sleep(0.2)
    yield server
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("the server did not stop within 30 s of SIGTERM; see %s/server.log" % data_dir)


def make_driver(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--lang=fr-FR"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_javascript():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()


AXE = Axe()


def check_accessibility(driver, name):
    """Runs axe-core on the current page, saves a screenshot, and fails on any violation."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / ("%s.png" % name)))
    results = AXE.run(driver)
    violations = [
        "%s (%s): %s" % (v["id"], v["impact"], "; ".join(node["target"][0] if isinstance(node["target"][0], str)
                                                         else str(node["target"]) for node in v["nodes"]))
        for v in results["violations"]
    ]
    assert not violations, "accessibility violations on %s:\n%s" % (driver.current_url, "\n".join(violations))


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def wait_until(driver, condition, timeout=10):
    """Waits for a condition, ignoring the errors of a page being replaced."""
    return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(condition)


def wait_for_heading(driver, expected, timeout=10):
    """Waits for the page a click leads to: reading it at once may still see the old one."""
    def current(d):
        try:
            return heading(d) == expected
        except WebDriverException:
            # Stale or missing elements while the next page replaces this one.
            return False
    try:
        WebDriverWait(driver, timeout).until(current)
    except TimeoutException:
        raise AssertionError("expected the page '%s', got '%s' at %s" % (expected, heading(driver), driver.current_url))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """The generated test corpus (Tests/tools/make_corpus.py)."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "Tests" / "tools" / "make_corpus.py"), str(folder)],
                   check=True, stdout=subprocess.DEVNULL)
    return folder
