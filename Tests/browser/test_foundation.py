"""Browser journeys of the foundation: home, help, the contact form (mouse and keyboard),
without JavaScript, and axe-core on every page visited."""
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import http.cookiejar

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import CAPTCHA_CODE, ROOT, check_accessibility, wait_for_heading, wait_until


def fill_contact_form(driver, email="jeanne@exemple.fr", message="Bonjour, je ne reçois pas le courriel de confirmation."):
    Select(driver.find_element(By.ID, "champ-subject")).select_by_visible_text("Mon compte et la connexion")
    driver.find_element(By.ID, "champ-message").send_keys(message)
    driver.find_element(By.ID, "champ-email").send_keys(email)
    driver.find_element(By.ID, "champ-emailConfirmation").send_keys(email)
    driver.find_element(By.ID, "champ-place").send_keys("95200")
    driver.find_element(By.ID, "champ-captcha").send_keys(CAPTCHA_CODE.lower())


def test_home_help_and_information_pages(server, browser):
    browser.get(server.url + "/")
    wait_for_heading(browser, "Vos démarches administratives en ligne")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    check_accessibility(browser, "01-accueil")

    browser.find_element(By.LINK_TEXT, "Aide").click()
    wait_for_heading(browser, "Aide")
    check_accessibility(browser, "02-aide")

    browser.find_element(By.LINK_TEXT, "Faire une démarche en ligne").click()
    wait_for_heading(browser, "Faire une démarche en ligne")
    assert "Les démarches en ligne sont-elles payantes ?" in browser.page_source
    check_accessibility(browser, "03-aide-demarches")

    for path, name in [("/aide/compte", "04-aide-compte"), ("/accessibilite", "05-accessibilite"),
                       ("/mentions-legales", "06-mentions-legales"), ("/donnees-personnelles", "07-donnees-personnelles"),
                       ("/page-inexistante", "08-page-introuvable")]:
        browser.get(server.url + path)
        check_accessibility(browser, name)
    wait_for_heading(browser, "Page introuvable")


def test_contact_form_errors_then_success(server, browser):
    browser.get(server.url + "/")
    browser.find_element(By.LINK_TEXT, "Poser votre question").click()
    wait_for_heading(browser, "Poser votre question")
    counter = browser.find_element(By.ID, "champ-message-compteur")
    assert counter.text == "800 caractères restants"
    check_accessibility(browser, "10-contact")

    # Sending the empty form lists every problem, and focus goes to the list.
    browser.find_element(By.CSS_SELECTOR, ".form-actions button").click()
    wait_until(browser, lambda d: d.title.startswith("Erreur : "))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Choisissez le sujet de votre question." in summary.text
    assert browser.switch_to.active_element == summary
    assert browser.title.startswith("Erreur : ")
    check_accessibility(browser, "11-contact-erreurs")

    # The live counter follows the typing.
    message = browser.find_element(By.ID, "champ-message")
    message.send_keys("Bonjour")
    wait_until(browser, lambda d: d.find_element(By.ID, "champ-message-compteur").text == "793 caractères restants")

    message.clear()
    fill_contact_form(browser)
    browser.find_element(By.CSS_SELECTOR, ".form-actions button").click()
    wait_for_heading(browser, "Votre message a été envoyé")
    assert "jeanne@exemple.fr" in browser.find_element(By.TAG_NAME, "main").text
    check_accessibility(browser, "12-contact-envoye")

    acknowledgement = server.emails_to("jeanne@exemple.fr")[0]
    assert str(email_header(acknowledgement["Subject"])) == "Nous avons bien reçu votre question"
    forwarded = server.emails_to("support@guichet.localhost")[0]
    assert str(email_header(forwarded["Subject"])) == "Poser votre question : Mon compte et la connexion"


def test_new_captcha_keeps_the_answers(server, browser):
    browser.get(server.url + "/aide/poser-une-question")
    first = browser.find_element(By.NAME, "captcha_id").get_attribute("value")
    browser.find_element(By.ID, "champ-message").send_keys("Mon message en cours")
    browser.find_element(By.XPATH, "//button[normalize-space()='Afficher un nouveau code']").click()
    wait_until(browser, lambda d: d.find_element(By.NAME, "captcha_id").get_attribute("value") != first)
    assert browser.find_element(By.ID, "champ-message").get_attribute("value") == "Mon message en cours"
    image = browser.find_element(By.CSS_SELECTOR, "img.captcha__image")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 240


def tab_to(driver, predicate, limit=80):
    """Presses Tab until the focused element satisfies `predicate`."""
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if predicate(driver.switch_to.active_element):
            return driver.switch_to.active_element
    raise AssertionError("no focusable element matched")


def test_contact_form_with_the_keyboard_only(server, browser):
    browser.get(server.url + "/")
    # The first Tab reaches the skip link, which leads to the content.
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.text == "Aller au contenu"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    tab_to(browser, lambda e: e.text == "Poser votre question")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_for_heading(browser, "Poser votre question")

    tab_to(browser, lambda e: e.get_attribute("id") == "champ-subject")
    ActionChains(browser).send_keys("Mon compte").perform()
    keys = [
        ("champ-message", "Question posée au clavier seulement."),
        ("champ-email", "clavier@exemple.fr"),
        ("champ-emailConfirmation", "clavier@exemple.fr"),
        ("champ-place", "Sainte-Cécile-les-Vignes"),
        ("champ-captcha", CAPTCHA_CODE),
    ]
    for field_id, text in keys:
        tab_to(browser, lambda e, field_id=field_id: e.get_attribute("id") == field_id)
        ActionChains(browser).send_keys(text).perform()
    # Enter in a text field sends the form (not "Afficher un nouveau code").
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait_until(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Votre message a été envoyé")
    check_accessibility(browser, "13-contact-clavier")


def test_contact_form_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    driver.get(server.url + "/aide/poser-une-question")
    fill_contact_form(driver, email="sans-js@exemple.fr")
    driver.find_element(By.CSS_SELECTOR, ".form-actions button").click()
    wait_for_heading(driver, "Votre message a été envoyé")


def test_oversized_form_is_refused_by_the_real_server(server):
    """The in-memory tests cannot stream a body: this one goes through the real server."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(server.url + "/aide/poser-une-question").read().decode()
    token = page.split('name="_csrf" value="')[1].split('"')[0]
    body = urllib.parse.urlencode({"_csrf": token, "message": "x" * 200_000}).encode()
    try:
        opener.open(server.url + "/aide/poser-une-question", data=body)
        raise AssertionError("an oversized form was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 413
        assert "Envoi trop volumineux" in error.read().decode()


def email_header(value):
    import email.header
    return email.header.make_header(email.header.decode_header(value))


def test_a_broken_procedure_definition_stops_the_start(tmp_path):
    """An operator's mistake in a definition file: exit code 78 and the problems listed."""
    import shutil
    procedures = tmp_path / "procedures"
    procedures.mkdir()
    shutil.copy(ROOT / "Procedures" / "organisations.json", procedures)
    broken = (ROOT / "Procedures" / "changement-situation-caf.json").read_text().replace('"accountRequired"', '"acountRequired"')
    (procedures / "changement-situation-caf.json").write_text(broken)
    binary = os.environ.get("GUICHET_BIN", str(ROOT / ".build" / "debug" / "guichet"))
    environment = dict(os.environ, DATA_DIR=str(tmp_path / "data"), PROCEDURES_DIR=str(procedures))
    environment.pop("DATABASE_URL", None)
    result = subprocess.run([binary, "serve", "--port", "0"], env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 78, result.stderr[-2000:]
    assert 'changement-situation-caf.json: acountRequired: unknown key (did you mean "accountRequired"?)' in result.stderr
