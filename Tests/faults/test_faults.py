"""Faults, against the real server (issue 10): the database stopped mid-traffic, the disk
full during an upload, the server killed during an upload. Each time the citizen gets a
clean French answer, nothing is stored half-way, and the portal recovers by itself.

Run by `make test` (stage `faults`, after PostgreSQL's stage, with the throwaway server of
scripts/postgres.sh running).
"""
import html
import os
import pathlib
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "tools"))
from portal import DEMO, Portal, multipart  # noqa: E402

POSTGRES = ROOT / "scripts" / "postgres.sh"


def french_503(status, body):
    assert status == 503, (status, body[:300])
    assert '<html lang="fr"' in body
    assert "momentanément indisponible" in body or "très sollicité" in body
    for leak in ("Traceback", "PSQLError", "Fatal error", "connectionError", "stack"):
        assert leak not in body


def test_the_database_stopped_mid_traffic_gives_french_503_pages_and_the_portal_recovers(tmp_path):
    database = "guichet_faults_%d" % os.getpid()
    subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-p", os.environ.get("GUICHET_TEST_PG_PORT", "5433"), "-U", "guichet",
                    "-d", "postgres", "-c", "CREATE DATABASE %s" % database],
                   env=dict(os.environ, PGPASSWORD="guichet"), check=True, capture_output=True)
    portal = Portal(tmp_path / "data", {"DATABASE_URL": "postgres://guichet:guichet@127.0.0.1:5433/%s" % database})
    (tmp_path / "data").mkdir()
    portal.command("demo")
    portal.start()
    try:
        assert portal.sign_in("inconnu", "faux")[0] == 422
        fields = portal.sign_up_fields("lucie.panne")
        subprocess.run([str(POSTGRES), "pause"], check=True)
        try:
            french_503(*portal.request("POST", "/connexion", [("identifier", "inconnu"), ("password", "faux")]))
            french_503(*portal.request("POST", "/creer-un-compte", fields))
            assert portal.status("/healthz") == 503
            # A page that needs no database is still served.
            assert portal.status("/aide") == 200
        finally:
            subprocess.run([str(POSTGRES), "resume"], check=True)
        # The pool reconnects by itself.
        portal.wait_until(lambda: portal.status("/healthz") == 200, "the portal did not recover", timeout=60)
        assert portal.sign_in("inconnu", "faux")[0] == 422
        # Nothing was half-written: the account refused during the outage does not exist.
        status, _ = portal.request("POST", "/creer-un-compte", portal.sign_up_fields("lucie.panne"))
        assert status == 303
    finally:
        portal.stop()


def post_upload(portal, body, content_type):
    """(status, page) of a wallet upload (the CSRF token travels in the query string)."""
    request = urllib.request.Request(portal.url + "/mon-compte/mes-documents/ajouter?_csrf=" + portal.csrf(), data=body,
                                     method="POST", headers={"Content-Type": content_type})
    try:
        with portal.opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def photo(size):
    """A valid JPEG of about `size` bytes (noise does not compress)."""
    corpus = tempfile.mkdtemp()
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "Tests" / "tools" / "make_corpus.py"), corpus],
                   check=True, capture_output=True)
    data = (pathlib.Path(corpus) / "jpeg-rgb.jpg").read_bytes()
    # An APP15 comment segment pads it to the size wanted (still a valid JPEG).
    padding = max(0, size - len(data))
    segments = b""
    while padding > 0:
        chunk = min(padding, 65000)
        segments += b"\xff\xef" + (chunk + 2).to_bytes(2, "big") + os.urandom(chunk)
        padding -= chunk + 4
    return data[:2] + segments + data[2:]


def documents_and_blobs(data_dir):
    with sqlite3.connect(data_dir / "guichet.sqlite") as db:
        rows = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    blobs = [path for path in (data_dir / "blobs").rglob("*") if path.is_file()] if (data_dir / "blobs").exists() else []
    return rows, blobs


def test_a_full_disk_during_an_upload_is_a_clean_refusal(tmp_path):
    mount = tmp_path / "disque"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root: the full-disk fault cannot be staged here")
    portal = Portal(mount / "data")
    try:
        (mount / "data").mkdir()
        portal.command("demo")
        portal.start()
        assert portal.sign_in(*DEMO)[0] == 303
        # Fill the disk, leaving room for the session and little else.
        filler = mount / "remplissage"
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        filler.write_bytes(b"\0" * max(0, free - 600 * 1024))
        body, content_type = multipart([("title", "Trop gros pour le disque"), ("category", "autre"), ("note", "")],
                                       [("fichier1", "photo.jpg", photo(3 * 1000 * 1000))])
        status, page = post_upload(portal, body, content_type)
        assert status in (422, 503), (status, page[:300])
        text = html.unescape(page)
        assert "rien n'a été enregistré" in text or "momentanément indisponible" in text, re.findall(r'<a href="#[^"]*">([^<]+)</a>', page)
        rows, blobs = documents_and_blobs(mount / "data")
        assert rows == 0 and blobs == []
        assert list((mount / "data" / "tmp").iterdir()) == [], "no partial upload is left"
        # Room again: the portal works on.
        filler.unlink()
        small, content_type = multipart([("title", "Justificatif"), ("category", "autre"), ("note", "")],
                                        [("fichier1", "photo.jpg", photo(200 * 1000))])
        status, page = post_upload(portal, small, content_type)
        assert status == 303, page[:500]
        assert documents_and_blobs(mount / "data")[0] == 1
    finally:
        portal.stop()
        # A process still closing its files keeps the mount busy: detach it lazily then,
        # so no tmpfs outlives the run.
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_server_killed_during_an_upload_leaves_nothing_at_its_next_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    portal = Portal(data)
    portal.command("demo")
    portal.start()
    assert portal.sign_in(*DEMO)[0] == 303
    body, content_type = multipart([("title", "Coupé en route"), ("category", "autre"), ("note", "")],
                                   [("fichier1", "photo.jpg", photo(6 * 1000 * 1000))])
    cookies = "; ".join("%s=%s" % (cookie.name, cookie.value) for cookie in portal.jar)
    connection = socket.create_connection(("127.0.0.1", portal.port))
    connection.sendall(("POST /mon-compte/mes-documents/ajouter?_csrf=%s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: %s\r\n"
                        "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (portal.csrf(), cookies, content_type, len(body))).encode())
    connection.sendall(body[: len(body) // 2])
    # The upload is being written to its private folder…
    Portal.wait_until(lambda: any(path.is_file() for path in (data / "tmp").rglob("*")), "the upload did not reach the disk")
    portal.kill()
    connection.close()
    assert any(path.is_file() for path in (data / "tmp").rglob("*")), "the kill left the partial upload"
    # …and the next start removes what the killed process left.
    portal.start()
    try:
        assert [path for path in (data / "tmp").rglob("*") if path.is_file()] == []
        rows, blobs = documents_and_blobs(data)
        assert rows == 0 and blobs == []
        assert portal.sign_in(*DEMO)[0] == 303
    finally:
        portal.stop()
