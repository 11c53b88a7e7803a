"""Browser journey of the organisations' inbox (issue 12, SPEC §6): a citizen transmits a
dossier to the CAF; the operator invites an agent, who enrols an authenticator in the
browser (the codes computed here, RFC 6238), signs in with it, finds the dossier under
*À traiter*, acknowledges it, then closes it with a message; the citizen follows each move
in *Mon activité* and by email. The same acknowledgement with the keyboard only; a
reader who may look but not act; the citizens' and the agents' sessions kept apart.
axe-core runs on every inbox page, error states included."""
import email.header
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import CAPTCHA_CODE, ROOT, check_accessibility, heading, make_driver, wait_for_heading, wait_until
from test_accounts import sign_in, sign_out, text_part
from test_foundation import tab_to
from test_procedures import press

sys.path.insert(0, str(ROOT / "Tests" / "tools"))
from authenticator import RFC_6238_KEY, RFC_6238_VECTORS, Authenticator, hotp, step_at, totp  # noqa: E402
from portal import Portal  # noqa: E402

ORGANISATION = "caf"
ORGANISATION_NAME = "Caisse d'allocations familiales (CAF)"
PROCEDURE = "changement-situation-caf"
PROCEDURE_TITLE = "Signaler un changement de situation familiale à la CAF"
INBOX_HEADING = "Dossiers reçus – " + ORGANISATION_NAME
SIGN_IN_HEADING = "Connexion à l'espace des organismes"
CODE_HEADING = "Code de votre application"
INVITATION_HEADING = "Activer votre accès à l'espace des organismes"
AGENT_PASSWORD = "le registre des allocations familiales"

# The citizen of this module: an account of her own (Portal.sign_up_fields' password),
# with accents in her name for the inbox's accent-insensitive search.
CITIZEN = "anais.lefevre"
CITIZEN_PASSWORD = "une phrase de passe assez longue"
CITIZEN_EMAIL = CITIZEN + "@exemple.fr"


# -- The operator's command line, the citizen's HTTP client, the mails -----------------

def guichet(server, *arguments):
    """Runs a `guichet` command on the browser stage's data, as the operator would."""
    binary = os.environ.get("GUICHET_BIN", str(ROOT / ".build" / "debug" / "guichet"))
    environment = dict(os.environ, DATA_DIR=str(server.data_dir), CAPTCHA_TEST_CODE=CAPTCHA_CODE, BASE_URL=server.url)
    environment.pop("DATABASE_URL", None)
    done = subprocess.run([binary, *arguments], env=environment, capture_output=True, timeout=120)
    assert done.returncode == 0, "guichet %s: %s" % (" ".join(arguments), done.stderr.decode())
    return done.stdout.decode()


def invite(server, address, role, name):
    """`guichet agent add`: the link printed on the last line, which the email carries too."""
    output = guichet(server, "agent", "add", ORGANISATION, address, "--role", role, "--name", name)
    link = output.strip().splitlines()[-1]
    assert link.startswith(server.url + "/agents/invitation?jeton="), output
    invitation = wait_for_mail(server, address, lambda subject, body: link in body)
    assert "espace des organismes" in subject_of(invitation)
    return link


def subject_of(message):
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def wait_for_mail(server, address, matches, timeout=20):
    """The first email to `address` for which matches(subject, text) holds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for message in server.outbox(count=0):
            if address in (message["To"] or "") and matches(subject_of(message), text_part(message)):
                return message
        time.sleep(0.3)
    raise AssertionError("no such email to %s" % address)


def client(server):
    """A cookie-keeping HTTP client (Tests/tools/portal.py) on the running server."""
    visitor = Portal(server.data_dir)
    visitor.url = server.url
    return visitor


def location(visitor, method, path, fields):
    """(status, Location) of a form post that redirects."""
    data = urllib.parse.urlencode(list(fields) + [("_csrf", visitor.csrf())]).encode()
    request = urllib.request.Request(visitor.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with visitor.opener.open(request, timeout=60) as response:
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def status_and_location(server, path, cookies):
    """(status, Location's path and query) of a GET with these cookies only, redirects not
    followed."""
    request = urllib.request.Request(server.url + path, headers={"Cookie": "; ".join("%s=%s" % item for item in cookies.items())})
    try:
        with client(server).opener.open(request, timeout=30) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        target = urllib.parse.urlsplit(error.headers.get("Location") or "")
        return error.code, target.path + ("?" + target.query if target.query else "")


@pytest.fixture(scope="module")
def citizen(server):
    """A signed-up, activated citizen account, signed in on an HTTP client of its own."""
    visitor = client(server)
    names = {"lastName": "Lefèvre", "firstNames": "Anaïs"}
    fields = [(name, names.get(name, value)) for name, value in visitor.sign_up_fields(CITIZEN)]
    status, page = visitor.request("POST", "/creer-un-compte", fields)
    assert status == 303, page[:500]
    activation = wait_for_mail(server, CITIZEN_EMAIL, lambda subject, body: "http" in body)
    link = re.search(r"https?://\S+", text_part(activation)).group(0)
    assert visitor.request("GET", link[len(server.url):])[0] in (200, 303)
    status, _ = visitor.sign_in(CITIZEN, CITIZEN_PASSWORD)
    assert status == 303, "the new account signs in"
    return visitor


def submit_by_http(visitor, change="naissance", details=""):
    """The CAF procedure filled and transmitted by the signed-in citizen; its reference."""
    status, _ = visitor.request("POST", "/services-en-ligne-et-formulaires/%s/commencer" % PROCEDURE, [])
    assert status == 303, status
    steps = [
        [("numeroAllocataire", "1234567"), ("nom", "Lefèvre"), ("prenoms", "Anaïs"), ("adresse.ligne1", "3 rue des Lilas"),
         ("adresse.codePostal", "75011"), ("adresse.commune", "Paris")],
        [("changement", change), ("dateChangement", time.strftime("%d/%m/%Y")), ("precisions", details)],
    ]
    for index, fields in enumerate(steps, start=1):
        status, page = visitor.request("POST", "/demarche/etape/%d" % index, fields + [("_action", "continuer")])
        assert status == 303, (index, status, page[:300])
    status, page = visitor.upload("/demarche/etape/3", [("_action", "continuer")], [])
    assert status == 303, (status, page[:300])
    status, page = visitor.request("GET", "/demarche/recapitulatif")
    dossier = re.search(r'name="dossier" value="([^"]+)"', page).group(1)
    status, target = location(visitor, "POST", "/demarche/transmettre", [("dossier", dossier)])
    assert status == 303 and target.endswith("/confirmation"), (status, target)
    return target.split("/")[-2]


def submit_in_browser(driver, server):
    """The CAF procedure in the browser, by the signed-in citizen; its reference."""
    driver.get(server.url + "/services-en-ligne-et-formulaires/" + PROCEDURE)
    wait_for_heading(driver, PROCEDURE_TITLE)
    driver.find_element(By.XPATH, "//button[normalize-space()='Commencer la démarche']").click()
    wait_until(driver, lambda d: heading(d).startswith("Étape 1 sur 3"))
    assert driver.find_element(By.ID, "champ-nom").get_attribute("value") == "Lefèvre"
    assert driver.find_element(By.ID, "champ-prenoms").get_attribute("value") == "Anaïs"
    driver.find_element(By.ID, "champ-numeroAllocataire").send_keys("7654321")
    driver.find_element(By.ID, "champ-adresse.ligne1").send_keys("3 rue des Lilas")
    driver.find_element(By.ID, "champ-adresse.codePostal").send_keys("75011")
    driver.find_element(By.ID, "champ-adresse.commune").send_keys("Paris")
    press(driver, "continuer")
    wait_until(driver, lambda d: heading(d).startswith("Étape 2 sur 3"))
    Select(driver.find_element(By.ID, "champ-changement")).select_by_visible_text("Naissance ou adoption")
    driver.find_element(By.ID, "champ-dateChangement").send_keys(time.strftime("%d/%m/%Y"))
    driver.find_element(By.ID, "champ-precisions").send_keys("Naissance de notre fille Léa.")
    press(driver, "continuer")
    wait_until(driver, lambda d: heading(d).startswith("Étape 3 sur 3"))
    press(driver, "continuer")
    wait_for_heading(driver, "Récapitulatif de votre demande")
    driver.find_element(By.XPATH, "//button[normalize-space()='Transmettre ma demande']").click()
    wait_for_heading(driver, "Votre demande a été transmise")
    return driver.find_element(By.ID, "reference").text


# -- The agent's side -------------------------------------------------------------------

def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def path_of(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def wrong_code(key):
    """Six digits that no step around now accepts."""
    now = step_at()
    taken = {hotp(key, step) for step in (now - 2, now - 1, now, now + 1, now + 2)}
    return next(code for code in ("%06d" % n for n in range(0, 1000000, 7919)) if code not in taken)


def fill_invitation(driver, code):
    for field, value in (("champ-password", AGENT_PASSWORD), ("champ-confirmation", AGENT_PASSWORD), ("champ-code", code)):
        driver.find_element(By.ID, field).clear()
        driver.find_element(By.ID, field).send_keys(value)
    driver.find_element(By.XPATH, "//button[normalize-space()='Activer mon accès']").click()


def accept_invitation(driver, link):
    """Opens the invitation, chooses the password, enrols the key shown; the agent lands
    in the inbox, signed in. Returns the enrolled authenticator."""
    driver.get(link)
    wait_for_heading(driver, INVITATION_HEADING)
    authenticator = Authenticator(driver.find_element(By.CSS_SELECTOR, "code.secret-key").text)
    fill_invitation(driver, authenticator.code())
    wait_for_heading(driver, INBOX_HEADING)
    assert path_of(driver) == "/agents/dossiers"
    return authenticator


def agent_sign_out(driver):
    driver.find_element(By.XPATH, "//form[@action='/agents/deconnexion']//button").click()
    wait_for_heading(driver, SIGN_IN_HEADING)
    assert "Vous êtes déconnecté de l'espace des organismes." in main_text(driver)


def tab_counts(driver):
    """{'À traiter': n, ...} from the tabs' links."""
    counts = {}
    for link in driver.find_elements(By.CSS_SELECTOR, "nav.tabs a"):
        label, count = re.fullmatch(r"(.+) \((\d+)\)", link.text).groups()
        counts[label] = int(count)
    assert list(counts) == ["À traiter", "Pris en compte", "En cours de traitement", "Traités"], counts
    return counts


def listed_references(driver):
    """The first column of the list: links to the dossiers."""
    links = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr td:first-child a, main table tbody tr th:first-child a")
    for link in links:
        assert urllib.parse.urlsplit(link.get_attribute("href")).path == "/agents/dossiers/" + link.text
    return [link.text for link in links]


def open_tab(driver, label):
    driver.find_element(By.XPATH, "//nav[contains(@class,'tabs')]//a[starts-with(normalize-space(), '%s (')]" % label).click()
    wait_until(driver, lambda d: d.find_element(By.CSS_SELECTOR, "nav.tabs a[aria-current='page']").text.startswith(label + " ("))


def history_rows(driver):
    rows = driver.find_elements(By.XPATH, "//table[caption[starts-with(normalize-space(), 'Historique')]]/tbody/tr")
    return [[cell.text for cell in row.find_elements(By.XPATH, "./th|./td")] for row in rows]


def act(driver, reference, label, verb, message=None):
    """From the dossier page: the action's link, its confirmation page, the button."""
    driver.find_element(By.LINK_TEXT, label).click()
    wait_for_heading(driver, "%s – dossier %s" % (label, reference))
    if message is not None:
        driver.find_element(By.ID, "champ-message").send_keys(message)
    driver.find_element(By.XPATH, "//button[normalize-space()='Confirmer : %s']" % verb).click()


# -- The tests ----------------------------------------------------------------------------

def test_the_tests_authenticator_gives_the_codes_of_rfc_6238():
    assert [totp(RFC_6238_KEY, moment) for moment, _ in RFC_6238_VECTORS] == [code for _, code in RFC_6238_VECTORS]


def test_an_agent_acknowledges_then_closes_a_dossier_the_citizen_follows_it(server, browser, citizen):
    # The citizen transmits her declaration of a birth to the CAF.
    driver = browser
    sign_in(driver, server, CITIZEN, CITIZEN_PASSWORD)
    wait_for_heading(driver, "Mon compte")
    reference = submit_in_browser(driver, server)
    assert reference.startswith("A-1-") and len(reference) == 13, reference

    # The operator invites an instructor of the CAF.
    address = "marie.dupont@caf.exemple.fr"
    link = invite(server, address, "instructeur", "Marie Dupont")
    assert "marie.dupont@caf.exemple.fr\tMarie Dupont\tinstructeur\tinvited until" in guichet(server, "agent", "list", ORGANISATION)

    agent = make_driver()
    try:
        # The invitation: the password and the authenticator, one form. A wrong code first.
        agent.get(link)
        wait_for_heading(agent, INVITATION_HEADING)
        assert address in main_text(agent) and ORGANISATION_NAME in main_text(agent)
        key = agent.find_element(By.CSS_SELECTOR, "code.secret-key").text
        assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})*", key), key
        assert agent.find_elements(By.CSS_SELECTOR, "main svg.qr-code"), "the QR code of the key"
        check_accessibility(agent, "80-agents-invitation")
        fill_invitation(agent, wrong_code(key))
        wait_for_heading(agent, INVITATION_HEADING)
        assert "Ce code ne correspond pas" in agent.find_element(By.ID, "champ-code-erreur").text
        check_accessibility(agent, "81-agents-invitation-erreur")
        assert agent.find_element(By.CSS_SELECTOR, "code.secret-key").text == key, "the same key to enrol"
        authenticator = Authenticator(key)
        fill_invitation(agent, authenticator.code())
        wait_for_heading(agent, INBOX_HEADING)
        assert path_of(agent) == "/agents/dossiers"
        assert "active" in guichet(server, "agent", "list", ORGANISATION).split(address)[1].splitlines()[0]

        # The link worked once.
        probe = make_driver()
        try:
            probe.get(link)
            wait_for_heading(probe, "Ce lien d'invitation ne fonctionne plus")
            check_accessibility(probe, "93-agents-invitation-expiree")
        finally:
            probe.quit()

        # Signed out, then in again: the password, then the application's code.
        agent_sign_out(agent)
        check_accessibility(agent, "82-agents-connexion")
        agent.find_element(By.ID, "champ-email").send_keys(address)
        agent.find_element(By.ID, "champ-password").send_keys(AGENT_PASSWORD)
        agent.find_element(By.XPATH, "//button[normalize-space()='Continuer']").click()
        wait_for_heading(agent, CODE_HEADING)
        check_accessibility(agent, "83-agents-connexion-code")
        agent.find_element(By.ID, "champ-code").send_keys(authenticator.code())
        agent.find_element(By.XPATH, "//button[normalize-space()='Se connecter']").click()
        wait_for_heading(agent, INBOX_HEADING)

        # Under "À traiter", newest first.
        before = tab_counts(agent)
        assert before["À traiter"] >= 1
        assert reference in listed_references(agent)
        assert agent.find_element(By.CSS_SELECTOR, "nav.tabs a[aria-current='page']").text.startswith("À traiter (")
        check_accessibility(agent, "84-agents-dossiers")

        # The filters: the procedure, and the name without its accents nor capitals.
        Select(agent.find_element(By.ID, "champ-procedure")).select_by_visible_text(PROCEDURE_TITLE)
        agent.find_element(By.ID, "champ-q").send_keys("lefevre ANAIS")
        agent.find_element(By.XPATH, "//button[normalize-space()='Filtrer']").click()
        wait_until(agent, lambda d: "q=lefevre" in d.current_url)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(agent.current_url).query)
        assert query["procedure"] == [PROCEDURE] and query["onglet"] == ["a-traiter"]
        assert reference in listed_references(agent)
        export = agent.find_element(By.PARTIAL_LINK_TEXT, "Exporter (CSV)").get_attribute("href")
        assert urllib.parse.urlsplit(export).path == "/agents/export.csv"
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(export).query)["q"] == ["lefevre ANAIS"]
        check_accessibility(agent, "85-agents-dossiers-filtres")
        agent.find_element(By.ID, "champ-q").clear()
        agent.find_element(By.ID, "champ-q").send_keys("Durand")
        agent.find_element(By.XPATH, "//button[normalize-space()='Filtrer']").click()
        wait_until(agent, lambda d: "q=Durand" in d.current_url)
        assert "Aucun dossier ne correspond à ces critères." in main_text(agent)
        agent.find_element(By.LINK_TEXT, "Effacer les filtres").click()
        wait_until(agent, lambda d: "q=" not in d.current_url)
        assert reference in listed_references(agent)

        # The dossier: what was asked, by whom, the documents, the history.
        agent.find_element(By.LINK_TEXT, reference).click()
        wait_for_heading(agent, "Dossier " + reference)
        page = main_text(agent)
        for expected in (PROCEDURE_TITLE, "Transmis", "LEFÈVRE", "Anaïs", CITIZEN_EMAIL, "7654321", "Naissance de notre fille Léa.",
                         "Récapitulatif de la demande (PDF)"):
            assert expected in page, expected
        assert [row[2] for row in history_rows(agent)][-1] == "Transmis"
        check_accessibility(agent, "86-agents-dossier")

        # Acknowledged, with a message, after the confirmation step.
        agent.find_element(By.LINK_TEXT, "Accuser réception").click()
        wait_for_heading(agent, "Accuser réception – dossier " + reference)
        assert "passera de « Transmis » à « Pris en compte »" in main_text(agent)
        check_accessibility(agent, "87-agents-confirmation")
        agent.find_element(By.ID, "champ-message").send_keys("Nous avons bien reçu votre déclaration.")
        agent.find_element(By.XPATH, "//button[normalize-space()='Confirmer : accuser réception']").click()
        wait_for_heading(agent, "Dossier " + reference)
        assert ("C'est fait : le dossier est « Pris en compte » et votre message a été envoyé à l'usager."
                in main_text(agent))
        last = history_rows(agent)[-1]
        assert last[1:] == ["Marie Dupont", "Pris en compte", "Nous avons bien reçu votre déclaration."], last
        check_accessibility(agent, "88-agents-dossier-pris-en-compte")
        agent.find_element(By.LINK_TEXT, "← Retour aux dossiers reçus").click()
        wait_for_heading(agent, INBOX_HEADING)
        after = tab_counts(agent)
        assert after["À traiter"] == before["À traiter"] - 1 and after["Pris en compte"] == before["Pris en compte"] + 1
        assert reference not in listed_references(agent)
        open_tab(agent, "Pris en compte")
        assert reference in listed_references(agent)

        # The citizen sees it in "Mon activité", and has the email.
        driver.get(server.url + "/mon-compte/mon-activite")
        wait_for_heading(driver, "Mon activité")
        assert ORGANISATION_NAME + " : Pris en compte" in main_text(driver)
        acknowledged = wait_for_mail(server, CITIZEN_EMAIL, lambda subject, body: subject == "Votre dossier %s : pris en compte" % reference)
        assert "Nous avons bien reçu votre déclaration." in text_part(acknowledged)
        assert server.url + "/mon-compte/mon-activite/" + reference in text_part(acknowledged)

        # Closing it needs a message: refused without one, the page says so.
        agent.find_element(By.LINK_TEXT, reference).click()
        wait_for_heading(agent, "Dossier " + reference)
        act(agent, reference, "Marquer comme traité", "marquer comme traité")
        wait_for_heading(agent, "Marquer comme traité – dossier " + reference)
        assert "Écrivez à l'usager ce qui a été décidé ou fait" in agent.find_element(By.ID, "champ-message-erreur").text
        assert agent.find_elements(By.CSS_SELECTOR, "main .error-summary"), "the error summary"
        check_accessibility(agent, "89-agents-confirmation-erreur")
        closing = "Votre changement de situation est enregistré : vos droits seront recalculés le mois prochain."
        agent.find_element(By.ID, "champ-message").send_keys(closing)
        agent.find_element(By.XPATH, "//button[normalize-space()='Confirmer : marquer comme traité']").click()
        wait_for_heading(agent, "Dossier " + reference)
        assert "C'est fait : le dossier est « Traité » et votre message a été envoyé à l'usager." in main_text(agent)
        assert not agent.find_elements(By.ID, "actions"), "traité is final: no move left"
        assert history_rows(agent)[-1][1:] == ["Marie Dupont", "Traité", closing]
        check_accessibility(agent, "90-agents-dossier-traite")
        agent.get(server.url + "/agents/dossiers?onglet=traites")
        assert reference in listed_references(agent)

        # The citizen sees the message on her dossier's page, and in the email.
        driver.get(server.url + "/mon-compte/mon-activite")
        assert ORGANISATION_NAME + " : Traité" in main_text(driver)
        driver.find_element(By.LINK_TEXT, reference).click()
        wait_for_heading(driver, PROCEDURE_TITLE)
        assert "Message de l'organisme : " + closing in main_text(driver)
        done = wait_for_mail(server, CITIZEN_EMAIL, lambda subject, body: subject == "Votre dossier %s : traité" % reference)
        assert closing in text_part(done)
    finally:
        agent.quit()


def test_the_acknowledgement_with_the_keyboard_only(server, browser, citizen):
    reference = submit_by_http(citizen, change="mariage")
    link = invite(server, "paul.bernard@caf.exemple.fr", "instructeur", "Paul Bernard")
    driver = browser

    def press_keys(*keys):
        ActionChains(driver).send_keys(*keys).perform()

    # The invitation, from the skip link to "Activer mon accès", by the keyboard.
    driver.get(link)
    wait_for_heading(driver, INVITATION_HEADING)
    authenticator = Authenticator(driver.find_element(By.CSS_SELECTOR, "code.secret-key").text)
    press_keys(Keys.TAB)
    assert driver.switch_to.active_element.text == "Aller au contenu"
    press_keys(Keys.ENTER)
    for field, value in (("champ-password", AGENT_PASSWORD), ("champ-confirmation", AGENT_PASSWORD),
                         ("champ-code", authenticator.code())):
        tab_to(driver, lambda element, field=field: element.get_attribute("id") == field)
        press_keys(value)
    tab_to(driver, lambda element: element.text == "Activer mon accès")
    press_keys(Keys.ENTER)
    wait_for_heading(driver, INBOX_HEADING)

    # The dossier's link in the list, "Accuser réception", the message, the confirmation.
    tab_to(driver, lambda element: element.text == reference, limit=150)
    press_keys(Keys.ENTER)
    wait_for_heading(driver, "Dossier " + reference)
    tab_to(driver, lambda element: element.text == "Accuser réception")
    press_keys(Keys.ENTER)
    wait_for_heading(driver, "Accuser réception – dossier " + reference)
    tab_to(driver, lambda element: element.get_attribute("id") == "champ-message")
    press_keys("Reçu au clavier.")
    tab_to(driver, lambda element: element.text == "Confirmer : accuser réception")
    press_keys(Keys.ENTER)
    wait_for_heading(driver, "Dossier " + reference)
    assert "C'est fait : le dossier est « Pris en compte »" in main_text(driver)
    assert history_rows(driver)[-1][1:] == ["Paul Bernard", "Pris en compte", "Reçu au clavier."]
    check_accessibility(driver, "91-agents-clavier")

    status, page = citizen.request("GET", "/mon-compte/mon-activite/" + reference)
    assert status == 200 and "Pris en compte" in page and "Reçu au clavier." in page


def test_a_reader_sees_and_exports_but_every_action_is_refused(server, browser, citizen):
    reference = submit_by_http(citizen, change="pacs")
    driver = browser
    accept_invitation(driver, invite(server, "louise.petit@caf.exemple.fr", "lecteur", "Louise Petit"))
    assert reference in listed_references(driver)
    driver.find_element(By.LINK_TEXT, reference).click()
    wait_for_heading(driver, "Dossier " + reference)
    assert "Votre rôle « Lecteur » permet de consulter et d'exporter ce dossier" in main_text(driver)
    assert not driver.find_elements(By.LINK_TEXT, "Accuser réception")
    for action in ("accuser-reception", "passer-en-cours", "marquer-traite"):
        driver.get("%s/agents/dossiers/%s/%s" % (server.url, reference, action))
        wait_for_heading(driver, "Accès refusé")
        assert "pas de les faire avancer" in main_text(driver), main_text(driver)
    check_accessibility(driver, "92-agents-refus-lecteur")

    # The server answers 403 to the confirmation page and to the move itself (a post
    # with the session's form token: refused for the role, not for the token).
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    token = next(value for name, value in cookies.items() if name.endswith("csrf"))
    header = "; ".join("%s=%s" % item for item in cookies.items())
    url = "%s/agents/dossiers/%s/accuser-reception" % (server.url, reference)
    for data in (None, urllib.parse.urlencode({"_csrf": token, "message": "Vu."}).encode()):
        request = urllib.request.Request(url, data=data, headers={"Cookie": header})
        try:
            urllib.request.urlopen(request, timeout=30)
            raise AssertionError("a reader was let act (%s)" % request.get_method())
        except urllib.error.HTTPError as error:
            body = error.read().decode()
            assert error.code == 403 and "pas de les faire avancer" in body, (request.get_method(), error.code, body[:300])
    driver.get(server.url + "/agents/dossiers/" + reference)
    assert "Transmis (depuis le" in main_text(driver), "nothing moved"

    # Removed by the operator: the open session ends at once.
    guichet(server, "agent", "remove", "louise.petit@caf.exemple.fr")
    assert "louise.petit@caf.exemple.fr" not in guichet(server, "agent", "list", ORGANISATION)
    driver.get(server.url + "/agents/dossiers/" + reference)
    wait_for_heading(driver, SIGN_IN_HEADING)


def test_a_citizen_session_and_an_agent_session_never_grant_each_other(server, browser, citizen):
    # A citizen signed in: the agents' space still asks an agent to sign in.
    driver = browser
    sign_in(driver, server, CITIZEN, CITIZEN_PASSWORD)
    wait_for_heading(driver, "Mon compte")
    for path in ("/agents/dossiers", "/agents/dossiers?onglet=traites", "/agents/export.csv"):
        driver.get(server.url + path)
        wait_for_heading(driver, SIGN_IN_HEADING)
        assert path_of(driver) == "/agents/connexion", (path, driver.current_url)
    driver.get(server.url + "/mon-compte")
    wait_for_heading(driver, "Mon compte")

    # An agent signed in, in a fresh browser: the citizens' space asks a citizen to sign in.
    agent = make_driver()
    try:
        accept_invitation(agent, invite(server, "jules.moreau@caf.exemple.fr", "instructeur", "Jules Moreau"))
        for path in ("/mon-compte", "/mon-compte/mon-activite", "/mon-compte/mes-documents"):
            agent.get(server.url + path)
            wait_for_heading(agent, "Se connecter")
            assert path_of(agent) == "/connexion", (path, agent.current_url)

        # Both in the same browser: two sessions side by side, each its own cookie.
        sign_in(agent, server, CITIZEN, CITIZEN_PASSWORD)
        wait_for_heading(agent, "Mon compte")
        agent.get(server.url + "/agents/dossiers")
        wait_for_heading(agent, INBOX_HEADING)
        cookies = {c["name"]: c["value"] for c in agent.get_cookies()}
        assert {"guichet-session", "guichet-agent"} <= set(cookies), sorted(cookies)
        assert cookies["guichet-session"] != cookies["guichet-agent"]

        # Each token is good in its own realm only: the agent's token under the citizens'
        # cookie name is no citizen session, and the citizen's is no agent session.
        assert status_and_location(server, "/mon-compte", {"guichet-session": cookies["guichet-session"]}) == (200, None)
        assert status_and_location(server, "/agents/dossiers", {"guichet-agent": cookies["guichet-agent"]}) == (200, None)
        for path, cookie, token, sign_in_page in (("/mon-compte", "guichet-session", cookies["guichet-agent"], "/connexion"),
                                                  ("/mon-compte/mon-activite", "guichet-session", cookies["guichet-agent"], "/connexion"),
                                                  ("/agents/dossiers", "guichet-agent", cookies["guichet-session"], "/agents/connexion"),
                                                  ("/agents/export.csv", "guichet-agent", cookies["guichet-session"], "/agents/connexion")):
            status, target = status_and_location(server, path, {cookie: token})
            assert status == 303 and target.split("?")[0] == sign_in_page, (path, cookie, status, target)

        # The citizen signs out: the agent stays signed in.
        agent.get(server.url + "/mon-compte")
        sign_out(agent)
        agent.get(server.url + "/agents/dossiers")
        wait_for_heading(agent, INBOX_HEADING)
        agent.get(server.url + "/mon-compte")
        wait_for_heading(agent, "Se connecter")

        # The citizen signs in again, the agent signs out: the citizen stays.
        sign_in(agent, server, CITIZEN, CITIZEN_PASSWORD)
        wait_for_heading(agent, "Mon compte")
        agent.get(server.url + "/agents/dossiers")
        agent_sign_out(agent)
        agent.get(server.url + "/agents/dossiers")
        wait_for_heading(agent, SIGN_IN_HEADING)
        agent.get(server.url + "/mon-compte")
        wait_for_heading(agent, "Mon compte")
    finally:
        agent.quit()
