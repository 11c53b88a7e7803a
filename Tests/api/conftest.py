"""The partner API against the real server (issue 11): one `guichet serve` with the demo
data and a key of Lyon's town hall, shared by the stage's tests."""
import pathlib
import re
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "tools"))
from portal import DEMO, Portal  # noqa: E402

BIRTH_REQUEST = [
    [("demandeur", "soi"), ("nom", "Dupont"), ("prenoms", "Élodie"), ("dateNaissance", "14/07/1990"),
     ("communeNaissance.codePostal", "69003"), ("communeNaissance.commune", "Lyon")],
    [("typeActe", "copie-integrale"), ("exemplaires", "2")],
    [("nomDemandeur", "Élodie Dupont"), ("adresseEnvoi.ligne1", "3 rue des Lilas"), ("adresseEnvoi.codePostal", "75011"),
     ("adresseEnvoi.commune", "Paris"), ("courriel", "elodie@exemple.fr")],
]
TOWN_HALL = "mairie-69123"
ELECTORAL_REGISTRATION = [
    [("civilite", "madame"), ("nomNaissance", "Martin"), ("prenoms", "Jeanne"), ("dateNaissance", "14/07/1985"),
     ("lieuNaissance", "Lyon"), ("nationalite", "francaise")],
    [("adresse.ligne1", "12 rue de la Paix"), ("adresse.codePostal", "75002"), ("adresse.commune", "Paris"),
     ("attache", "domicile"), ("courriel", "jeanne.martin@exemple.fr")],
]


def blank_pdf():
    import io

    import pikepdf
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class PartnerPortal(Portal):
    def new_key(self, organisation=TOWN_HALL, *options):
        return self.command("partner-key", "create", organisation, *options).strip().splitlines()[-1]

    def visitor(self):
        """A client of its own (cookies, session) on the same server."""
        client = PartnerPortal(self.data_dir, {})
        client.url, client.port = self.url, self.port
        return client

    def submit_birth_request(self):
        """Fills and transmits the birth-certificate request as a visitor would; the
        dossier goes to Lyon's town hall."""
        visitor = self.visitor()
        visitor.request("GET", "/services-en-ligne-et-formulaires/demande-acte-naissance")
        status, _ = visitor.request("POST", "/services-en-ligne-et-formulaires/demande-acte-naissance/commencer", [])
        assert status == 303, status
        for index, fields in enumerate(BIRTH_REQUEST, start=1):
            status, page = visitor.request("POST", "/demarche/etape/%d" % index, fields + [("_action", "continuer")])
            assert status == 303, (index, status, page[:300])
        visitor.transmit()

    def submit_electoral_registration(self):
        """Jeanne (the demo account) registers on Paris's electoral lists with two PDFs:
        the dossier goes to Paris's town hall with its attachments."""
        citizen = self.visitor()
        status, _ = citizen.sign_in(*DEMO)
        assert status == 303, status
        citizen.request("GET", "/services-en-ligne-et-formulaires/inscription-listes-electorales")
        status, _ = citizen.request("POST", "/services-en-ligne-et-formulaires/inscription-listes-electorales/commencer", [])
        assert status == 303, status
        for index, fields in enumerate(ELECTORAL_REGISTRATION, start=1):
            status, page = citizen.request("POST", "/demarche/etape/%d" % index, fields + [("_action", "continuer")])
            assert status == 303, (index, status, page[:300])
        pdf = blank_pdf()
        status, page = citizen.upload("/demarche/etape/3", [("_action", "continuer")],
                                      [("pieceIdentite", "identite.pdf", pdf), ("justificatifDomicile", "facture.pdf", pdf)])
        assert status == 303, (status, page[:500])
        status, page = citizen.request("POST", "/demarche/etape/4", [("attestation", "oui"), ("_action", "continuer")])
        assert status == 303, (status, page[:300])
        citizen.transmit()

    def transmit(self):
        """*Transmettre ma demande* from the summary."""
        status, page = self.request("GET", "/demarche/recapitulatif")
        dossier = re.search(r'name="dossier" value="([^"]+)"', page).group(1)
        status, page = self.request("POST", "/demarche/transmettre", [("dossier", dossier)])
        assert status == 303, (status, page[:300])


@pytest.fixture(scope="session")
def portal():
    data_dir = pathlib.Path(tempfile.mkdtemp(prefix="guichet-api-"))
    # No rate limit in the way of the generated requests; the worker polls often.
    server = PartnerPortal(data_dir, {"PARTNER_RATE_LIMIT": "1000000", "OUTBOX_POLL_SECONDS": "0.2"})
    server.command("demo")
    server.start()
    yield server
    server.stop()
