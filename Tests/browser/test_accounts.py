"""Browser journey of SPEC §1: create an account, confirm it from the outbox, sign in, add
the SMS code, sign out, sign in with the code, remove it with the unlock code, sign in
without it. axe-core runs on every page."""
import re
import subprocess

from selenium.webdriver.common.by import By

from conftest import CAPTCHA_CODE, check_accessibility, heading, wait_for_heading

PASSWORD = "une phrase de passe pour le navigateur"


def text_part(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    raise AssertionError("no text part")


def sign_in(driver, server, identifier, password):
    driver.get(server.url + "/connexion")
    driver.find_element(By.ID, "champ-identifier").send_keys(identifier)
    driver.find_element(By.ID, "champ-password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()


def sign_out(driver):
    driver.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
    wait_for_heading(driver, "Se connecter")
    assert "Vous êtes déconnecté" in driver.page_source


def test_account_life_with_the_sms_code(server, browser):
    driver = browser
    # Create the account.
    driver.get(server.url + "/")
    driver.find_element(By.LINK_TEXT, "Se connecter").click()
    wait_for_heading(driver, "Se connecter")
    check_accessibility(driver, "20-connexion")
    driver.find_element(By.LINK_TEXT, "Créer un compte").click()
    wait_for_heading(driver, "Créer un compte")
    check_accessibility(driver, "21-creer-un-compte")
    driver.find_element(By.ID, "champ-identifier").send_keys("Camille.Selenium")
    driver.find_element(By.ID, "champ-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "champ-email").send_keys("camille@exemple.fr")
    driver.find_element(By.CSS_SELECTOR, "label[for='champ-civility']").click()
    driver.find_element(By.ID, "champ-lastName").send_keys("Selenium")
    driver.find_element(By.ID, "champ-firstNames").send_keys("Camille")
    driver.find_element(By.ID, "champ-captcha").send_keys(CAPTCHA_CODE)
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Activez votre compte")
    check_accessibility(driver, "22-activez-votre-compte")

    # Confirm it with the link of the email the outbox wrote.
    activation = server.emails_to("camille@exemple.fr")[0]
    link = re.search(r"https?://\S+", text_part(activation)).group(0)
    driver.get(link)
    wait_for_heading(driver, "Se connecter")
    assert "Votre compte est activé" in driver.page_source

    # Sign in (identifier in any case).
    sign_in(driver, server, "CAMILLE.selenium", PASSWORD)
    wait_for_heading(driver, "Mon compte")
    check_accessibility(driver, "23-mon-compte")
    driver.find_element(By.LINK_TEXT, "Mes coordonnées").click()
    wait_for_heading(driver, "Mes coordonnées")
    check_accessibility(driver, "24-mes-coordonnees")
    driver.get(server.url + "/mon-compte/historique-de-securite")
    check_accessibility(driver, "25-historique")

    # Add the SMS code.
    driver.get(server.url + "/mon-compte/mes-options")
    check_accessibility(driver, "26-mes-options")
    driver.find_element(By.LINK_TEXT, "Recevoir un code par SMS").click()
    wait_for_heading(driver, "Recevoir un code par SMS")
    check_accessibility(driver, "27-code-sms")
    driver.find_element(By.ID, "champ-phone").send_keys("06 98 76 54 32")
    driver.find_element(By.ID, "champ-password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Confirmez votre numéro")
    check_accessibility(driver, "28-code-sms-confirmer")
    driver.find_element(By.ID, "champ-code").send_keys(server.sms_codes(1)[-1])
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Notez votre code de déblocage")
    unlock = driver.find_element(By.ID, "code-de-deblocage").text
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", unlock)
    check_accessibility(driver, "29-code-de-deblocage")

    # Sign out, then sign in with the code received by SMS.
    sign_out(driver)
    sign_in(driver, server, "camille.selenium", PASSWORD)
    wait_for_heading(driver, "Code reçu par SMS")
    check_accessibility(driver, "30-connexion-code")
    driver.find_element(By.ID, "champ-code").send_keys(server.sms_codes(2)[-1])
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Mon compte")
    sign_out(driver)

    # The phone is lost: remove the code with the unlock code.
    driver.find_element(By.LINK_TEXT, "Numéro de téléphone modifié").click()
    wait_for_heading(driver, "Numéro de téléphone modifié")
    check_accessibility(driver, "31-numero-modifie")
    driver.find_element(By.ID, "champ-identifier").send_keys("camille.selenium")
    driver.find_element(By.ID, "champ-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "champ-unlockCode").send_keys(unlock)
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Se connecter")
    assert "La connexion avec un code a été retirée" in driver.page_source

    # Password alone again.
    sign_in(driver, server, "camille.selenium", PASSWORD)
    wait_for_heading(driver, "Mon compte")
    notices = [m for m in server.emails_to("camille@exemple.fr", count=3)]
    assert any("code de déblocage" in text_part(m) for m in notices)


def test_recovery_pages_are_accessible(server, browser):
    for path, name in [("/identifiant-oublie", "32-identifiant-oublie"), ("/mot-de-passe-oublie", "33-mot-de-passe-oublie")]:
        browser.get(server.url + path)
        check_accessibility(browser, name)
    browser.find_element(By.ID, "champ-identifier").send_keys("quelquun")
    browser.find_element(By.ID, "champ-captcha").send_keys(CAPTCHA_CODE)
    browser.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(browser, "Vérifiez vos courriels")
    check_accessibility(browser, "34-verifiez-vos-courriels")


def test_authenticator_enrolment_shows_a_scannable_code(server, browser, tmp_path):
    """What the browser shows of the QR code is read back by a real reader as the
    otpauth link of the page (the factor is not enabled: the demo account stays as is)."""
    sign_in(browser, server, "jeanne.martin", "un café au lait sans sucre")
    wait_for_heading(browser, "Mon compte")
    browser.get(server.url + "/mon-compte/mes-options/application")
    wait_for_heading(browser, "Utiliser une application d'authentification")
    check_accessibility(browser, "35-application-d-authentification")
    link = browser.find_element(By.CSS_SELECTOR, "a[href^='otpauth://']").get_attribute("href")
    picture = tmp_path / "qr.png"
    browser.find_element(By.CSS_SELECTOR, "svg.qr-code").screenshot(str(picture))
    read = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sqrcode.binary", str(picture)],
                          capture_output=True, check=True).stdout.decode().strip()
    assert read == link
    assert read.startswith("otpauth://totp/Guichet:jeanne.martin?secret=")
