"""The inbox's CSV export (issue 12, SPEC §6) from the real server, read back by Python's
csv module as a spreadsheet would read it: UTF-8 with a byte-order mark, `;` between
cells, CRLF between rows, the French headers, one row per dossier of the filtered list,
and no cell that a spreadsheet would run as a formula. With the roles and refusals around
it: a reader exports but cannot act, another organisation's agent gets 404, and nobody
signed in as an agent gets the file."""
import csv
import datetime
import html
import io
import pathlib
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "Tests" / "tools"))
from authenticator import Authenticator  # noqa: E402

# Bordeaux's town hall: no other test of the stage sends it dossiers.
TOWN_HALL = "mairie-33063"
BIRTH_TOWN = ("33000", "Bordeaux")
OTHER_TOWN_HALL = "mairie-69123"
PROCEDURE_TITLE = "Demande d'acte de naissance"
HEADERS = ["Référence", "Démarche", "Date de transmission", "Demandeur", "État", "Dernier message"]
PASSWORD = "les registres de l'état civil"
# (nom, prénoms) of the people the certificates are asked for; the inbox's applicant is
# "NOM Prénoms". Four begin with a formula's first character, one holds the separator and quotes.
APPLICANTS = [
    ("Dupont", "Élodie"),
    ("=1+2", "Jean"),
    ("+33 6 12 34 56 78", "Zoé"),
    ("-2+3", "Luc"),
    ("@SOMME(A1:A9)", "Léa"),
    ('Martin; "dit Le Grand"', "Paul"),
]


def applicant(nom, prenoms):
    return "%s %s" % (nom.upper(), prenoms)


def neutralised(text):
    """What the export must write for a cell: a leading apostrophe before a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def submit_birth_request(portal, nom, prenoms):
    """A birth-certificate request to Bordeaux's town hall, without an account; its reference."""
    visitor = portal.visitor()
    status, _ = visitor.request("POST", "/services-en-ligne-et-formulaires/demande-acte-naissance/commencer", [])
    assert status == 303, status
    steps = [
        [("demandeur", "soi"), ("nom", nom), ("prenoms", prenoms), ("dateNaissance", "14/07/1990"),
         ("communeNaissance.codePostal", BIRTH_TOWN[0]), ("communeNaissance.commune", BIRTH_TOWN[1])],
        [("typeActe", "copie-integrale"), ("exemplaires", "1")],
        [("nomDemandeur", "%s %s" % (prenoms, nom)), ("adresseEnvoi.ligne1", "3 rue des Lilas"), ("adresseEnvoi.codePostal", "75011"),
         ("adresseEnvoi.commune", "Paris"), ("courriel", "demandeur@exemple.fr")],
    ]
    for index, fields in enumerate(steps, start=1):
        status, page = visitor.request("POST", "/demarche/etape/%d" % index, fields + [("_action", "continuer")])
        assert status == 303, (nom, index, status, page[:300])
    status, page = visitor.request("GET", "/demarche/recapitulatif")
    dossier = re.search(r'name="dossier" value="([^"]+)"', page).group(1)
    status, headers, _ = raw(visitor, "/demarche/transmettre", [("dossier", dossier)])
    target = headers.get("Location", "")
    assert status == 303 and target.endswith("/confirmation"), (status, target)
    return target.split("/")[-2]


def raw(client, path, fields=None):
    """(status, headers, body bytes), redirects not followed."""
    data = None
    if fields is not None:
        data = urllib.parse.urlencode(list(fields) + [("_csrf", client.csrf())]).encode()
    request = urllib.request.Request(client.url + path, data=data)
    try:
        with client.opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def signed_in_agent(portal, organisation, address, role, name):
    """`guichet agent add`, then the invitation accepted by HTTP with a code computed from
    the key the page shows: a client signed in as that agent."""
    link = portal.command("agent", "add", organisation, address, "--role", role, "--name", name).strip().splitlines()[-1]
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["jeton"][0]
    agent = portal.visitor()
    status, page = agent.request("GET", "/agents/invitation?jeton=" + urllib.parse.quote(token))
    assert status == 200, page[:300]
    key = html.unescape(re.search(r'<code class="secret-key">([^<]+)</code>', page).group(1))
    status, page = agent.request("POST", "/agents/invitation", [("jeton", token), ("password", PASSWORD), ("confirmation", PASSWORD),
                                                               ("code", Authenticator(key).code())])
    assert status == 303, page[:500]
    assert agent.status("/agents/dossiers") == 200
    return agent


def export(agent, **query):
    """The export of `query` (the inbox's parameters): (headers, raw bytes, rows)."""
    status, headers, body = raw(agent, "/agents/export.csv?" + urllib.parse.urlencode(query))
    assert status == 200, (status, body[:300])
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbf"), body[:20]
    assert body.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"), newline=""), delimiter=";"))
    assert rows[0] == HEADERS, rows[0]
    assert all(len(row) == len(HEADERS) for row in rows), rows
    return headers, body, rows[1:]


@pytest.fixture(scope="module")
def town_hall(portal):
    """Six dossiers at Bordeaux's town hall, oldest first, and its instructor."""
    references = [submit_birth_request(portal, nom, prenoms) for nom, prenoms in APPLICANTS]
    agent = signed_in_agent(portal, TOWN_HALL, "claire.roux@mairie-bordeaux.exemple.fr", "instructeur", "Claire Roux")
    return references, agent


def test_the_export_is_utf8_with_bom_semicolons_crlf_and_one_row_per_dossier(portal, town_hall):
    references, agent = town_hall
    headers, body, rows = export(agent, onglet="a-traiter")
    assert re.fullmatch(r'attachment; filename="dossiers-a-traiter-\d{4}-\d{2}-\d{2}\.csv"', headers["Content-Disposition"])
    # CRLF ends every row, and no line break stands alone (no cell here holds one).
    assert body.count(b"\r\n") == len(rows) + 1 and body.count(b"\n") == body.count(b"\r\n")
    assert body.count(b"\xef\xbb\xbf") == 1
    # One row per dossier, newest first.
    assert [row[0] for row in rows] == list(reversed(references))
    for row, (nom, prenoms) in zip(reversed(rows), APPLICANTS):
        reference, procedure, date, name, state, message = row
        assert procedure == PROCEDURE_TITLE
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4} à \d{1,2} h \d{2}", date), date
        assert name == neutralised(applicant(nom, prenoms)), (name, nom)
        assert state == "Transmis" and message == ""
    # The separator and the quotes inside a cell are quoted as CSV wants them.
    assert b'"MARTIN; ""DIT LE GRAND"" Paul"' in body


def test_no_cell_begins_with_a_formula_character(portal, town_hall):
    references, agent = town_hall
    _, _, rows = export(agent, onglet="a-traiter")
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    names = {row[0]: row[3] for row in rows}
    assert names[references[1]] == "'=1+2 Jean"
    assert names[references[2]] == "'+33 6 12 34 56 78 Zoé"
    assert names[references[3]] == "'-2+3 Luc"
    assert names[references[4]] == "'@SOMME(A1:A9) Léa"
    assert names[references[0]] == "DUPONT Élodie", "an ordinary name is left as it is"


def test_the_export_follows_the_tab_and_the_filters_and_the_last_message(portal, town_hall):
    references, agent = town_hall
    # Two acknowledged by the instructor: a message that looks like a formula, one on two lines.
    formula = '=HYPERLINK("http://exemple.fr/piege";"Cliquez")'
    two_lines = "Bien reçu.\nLa copie part par courrier demain."
    for reference, message in ((references[0], formula), (references[5], two_lines)):
        status, headers, _ = raw(agent, "/agents/dossiers/%s/accuser-reception" % reference, [("message", message)])
        assert status == 303 and headers["Location"] == "/agents/dossiers/" + reference, (status, headers.get("Location"))

    _, _, waiting = export(agent, onglet="a-traiter")
    assert [row[0] for row in waiting] == [references[4], references[3], references[2], references[1]]
    _, body, acknowledged = export(agent, onglet="pris-en-compte")
    assert [row[0] for row in acknowledged] == [references[5], references[0]]
    assert [row[4] for row in acknowledged] == ["Pris en compte", "Pris en compte"]
    assert acknowledged[1][5] == "'" + formula
    assert acknowledged[0][5].replace("\r\n", "\n") == two_lines
    assert acknowledged[0][3] == 'MARTIN; "DIT LE GRAND" Paul'
    assert export(agent, onglet="traites")[2] == []

    # The search, accent- and case-insensitive, on the name or the reference.
    assert [row[0] for row in export(agent, onglet="pris-en-compte", q="elodie")[2]] == [references[0]]
    assert [row[0] for row in export(agent, onglet="pris-en-compte", q="DUPONT élodie")[2]] == [references[0]]
    assert [row[0] for row in export(agent, onglet="a-traiter", q=references[3].lower())[2]] == [references[3]]
    assert export(agent, onglet="a-traiter", q="Durand")[2] == []
    # The dates of transmission (JJ/MM/AAAA, Paris time), read from the rows themselves.
    days = sorted({datetime.datetime.strptime(row[2].split(" à ")[0], "%d/%m/%Y").date() for row in waiting})
    first, last = days[0], days[-1]
    french = "%d/%m/%Y"
    assert len(export(agent, onglet="a-traiter", du=first.strftime(french), au=last.strftime(french))[2]) == 4
    assert export(agent, onglet="a-traiter", au=(first - datetime.timedelta(days=1)).strftime(french))[2] == []
    assert export(agent, onglet="a-traiter", du=(last + datetime.timedelta(days=1)).strftime(french))[2] == []
    # The procedure filter, and the export link of the page carries the page's query.
    assert len(export(agent, onglet="a-traiter", procedure="demande-acte-naissance")[2]) == 4
    status, page = agent.request("GET", "/agents/dossiers?" + urllib.parse.urlencode({"onglet": "pris-en-compte", "q": "elodie"}))
    assert status == 200
    link = html.unescape(re.search(r'href="(/agents/export\.csv\?[^"]*)"', page).group(1))
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(link).query) == {"onglet": ["pris-en-compte"], "q": ["elodie"]}


def test_a_reader_exports_but_cannot_act_and_other_organisations_see_nothing(portal, town_hall):
    references, instructor = town_hall
    reader = signed_in_agent(portal, TOWN_HALL, "hugo.blanc@mairie-bordeaux.exemple.fr", "lecteur", "Hugo Blanc")
    assert export(reader, onglet="a-traiter")[2] == export(instructor, onglet="a-traiter")[2]
    target = "/agents/dossiers/%s/passer-en-cours" % references[1]
    status, _, body = raw(reader, target)
    assert status == 403 and "pas de les faire avancer" in body.decode()
    status, _, body = raw(reader, target, [("message", "En cours.")])
    assert status == 403 and "pas de les faire avancer" in body.decode()
    assert "État</dt><dd>Transmis" in reader.request("GET", "/agents/dossiers/" + references[1])[1]

    # Lyon's agent: Bordeaux's dossiers are not there, not even by their reference.
    lyon = signed_in_agent(portal, OTHER_TOWN_HALL, "sami.roche@mairie-lyon.exemple.fr", "instructeur", "Sami Roche")
    assert not {row[0] for row in export(lyon, onglet="a-traiter")[2]} & set(references)
    assert not {row[0] for row in export(lyon, onglet="a-traiter", q=references[1])[2]}
    assert lyon.status("/agents/dossiers/" + references[1]) == 404
    assert raw(lyon, target, [("message", "En cours.")])[0] == 404
    receipt = "/agents/dossiers/%s/recapitulatif.pdf" % references[1]
    status, headers, body = raw(reader, receipt)
    assert status == 200 and headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF-")
    assert raw(lyon, receipt)[0] == 404

    # Without an agent session, the export is the sign-in page.
    status, headers, _ = raw(portal.visitor(), "/agents/export.csv?onglet=a-traiter")
    assert status == 303 and urllib.parse.urlsplit(headers["Location"]).path == "/agents/connexion"


def test_an_agent_signs_in_with_a_code_that_serves_once(portal):
    """The invitation refuses the agent's own address as a password; the code used to
    enrol cannot sign in again within its 30 seconds (it would be a replay)."""
    address = "ines.faure@mairie-bordeaux.exemple.fr"
    link = portal.command("agent", "add", TOWN_HALL, address, "--role", "lecteur").strip().splitlines()[-1]
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["jeton"][0]
    agent = portal.visitor()
    page = agent.request("GET", "/agents/invitation?jeton=" + urllib.parse.quote(token))[1]
    authenticator = Authenticator(html.unescape(re.search(r'<code class="secret-key">([^<]+)</code>', page).group(1)))
    code = authenticator.code()
    status, page = agent.request("POST", "/agents/invitation", [("jeton", token), ("password", address), ("confirmation", address),
                                                               ("code", code)])
    assert status == 422 and "ne doit pas être votre adresse électronique" in page
    status, _ = agent.request("POST", "/agents/invitation", [("jeton", token), ("password", PASSWORD), ("confirmation", PASSWORD),
                                                            ("code", code)])
    assert status == 303
    assert agent.request("POST", "/agents/deconnexion", [])[0] == 303
    assert agent.status("/agents/dossiers") == 303

    # The address in capitals is the same agent; then the same code again.
    status, _, _ = raw(agent, "/agents/connexion", [("email", address.upper()), ("password", PASSWORD)])
    assert status == 303
    status, page = agent.request("POST", "/agents/connexion/code", [("code", code)])
    assert status == 422 and "Ce code ne correspond pas" in page, (status, page[:300])
    assert agent.status("/agents/dossiers") == 303, "still not signed in"
