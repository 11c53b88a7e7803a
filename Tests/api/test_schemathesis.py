"""schemathesis against the live API (SPEC §6): generated and mutated requests for every
operation of openapi.json, with a real key, real dossiers (with attachments) and
account links to delete; zero server errors and zero answers that differ from the
document. Bounded and seeded, so that runs repeat."""
import os
import pathlib
import re
import subprocess
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(__file__).resolve().parents[2]
OPERATIONS = ["GET /dossiers", "GET /dossiers/{reference}", "GET /dossiers/{reference}/attachments/{attachment}",
              "GET /dossiers/{reference}/receipt", "POST /dossiers/{reference}/acknowledge", "POST /dossiers/{reference}/status",
              "GET /events", "GET /account-links", "DELETE /account-links/{link}"]
# GET /openapi.json is the document schemathesis loads, not one it tests (the Swift
# suite checks that it describes every route).


def test_every_operation_conforms_to_the_document(portal, tmp_path):
    # Paris's town hall: Jeanne's electoral registrations (with attachments) and links.
    organisation = "mairie-75056"
    key = portal.new_key(organisation)
    for index in range(3):
        portal.submit_electoral_registration()
        portal.command("account-link", "add", "jeanne.martin", organisation, "PARIS-%04d" % index)
    report = tmp_path / "junit.xml"
    environment = dict(os.environ, SCHEMATHESIS_HOOKS="schemathesis_hooks", PYTHONPATH=str(ROOT / "Tests" / "api"))
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "schemathesis"), "run", portal.url + "/api/v1/openapi.json",
         "--url", portal.url + "/api/v1",
         "--header", "Authorization: Bearer " + key,
         "--checks", "all",
         "--max-examples", os.environ.get("SCHEMATHESIS_EXAMPLES", "30"),
         "--seed", "20261201",
         "--workers", "2",
         "--generation-database", "none",
         "--report", "junit", "--report-junit-path", str(report),
         "--no-color"],
        capture_output=True, text=True, timeout=1500, env=environment)
    output = run.stdout + run.stderr
    (ROOT / ".build").mkdir(exist_ok=True)
    (ROOT / ".build" / "schemathesis.log").write_text(output)
    assert run.returncode == 0, output[-8000:]
    assert re.search(r"Tested: %d\b" % len(OPERATIONS), output), output[-3000:]
    tested = {case.get("name", "") for case in ElementTree.parse(report).iter("testcase")}
    for operation in OPERATIONS:
        assert any(operation in name for name in tested), "%s was not exercised (%s)" % (operation, sorted(tested))
