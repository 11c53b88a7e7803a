"""Browser journeys of SPEC §5, the change-of-address declaration: La Poste's proposal
shown beside the input and accepted with *Valider*; then the refusal box keeping the input,
with the profile updated on request — and the same proposal in *Mes coordonnées*."""
import datetime

from selenium.webdriver.common.by import By

from conftest import check_accessibility, wait_for_heading, wait_until
from test_accounts import sign_in
from test_procedures import PASSWORD, press

PROCEDURE_URL = "/services-en-ligne-et-formulaires/declaration-changement-coordonnees"
TITLE = "Déclaration de changement de coordonnées"


def move_date():
    """A day inside the window [today − 1 month, today + 3 months]."""
    return (datetime.date.today() + datetime.timedelta(days=20)).strftime("%d/%m/%Y")


def type_into(driver, element_id, text):
    element = driver.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(text)


def type_new_address(driver, street, postal_code, commune):
    type_into(driver, "champ-nouvelleAdresse.voie", street)
    type_into(driver, "champ-nouvelleAdresse.codePostal", postal_code)
    type_into(driver, "champ-nouvelleAdresse.commune", commune)


def wait_for_text(driver, text):
    wait_until(driver, lambda d: text in d.page_source)


def start_and_give_the_old_address(driver, server):
    sign_in(driver, server, "jeanne.martin", PASSWORD)
    wait_for_heading(driver, "Mon compte")
    driver.get(server.url + PROCEDURE_URL)
    wait_for_heading(driver, TITLE)
    driver.find_element(By.XPATH, "//button[normalize-space()='Commencer la démarche']").click()
    wait_for_heading(driver, "Étape 1 sur 3 : Votre déménagement")
    # The old address comes from Mes coordonnées, as typed there.
    assert driver.find_element(By.ID, "champ-ancienneAdresse.voie").get_attribute("value") == "12 rue de la Paix"
    type_into(driver, "champ-dateEmmenagement", move_date())
    press(driver, "continuer")
    wait_for_text(driver, "Adresse proposée")
    proposal = driver.find_element(By.ID, "ancienneAdresse-comparaison").text
    assert "Votre saisie" in proposal and "12 RUE DE LA PAIX" in proposal and "75002 PARIS" in proposal
    driver.find_element(By.CSS_SELECTOR, "button[name='ancienneAdresse.valider']").click()
    wait_for_heading(driver, "Étape 2 sur 3 : Votre nouvelle adresse")


def transmit(driver):
    wait_for_heading(driver, "Récapitulatif de votre demande")
    summary = driver.page_source
    driver.find_element(By.XPATH, "//button[normalize-space()='Transmettre ma demande']").click()
    wait_for_heading(driver, "Votre demande a été transmise")
    return summary


def test_the_proposal_accepted(server, browser):
    driver = browser
    start_and_give_the_old_address(driver, server)
    type_new_address(driver, "8 bis avenue du Maréchal Foch", "69006", "lyon")
    press(driver, "continuer")
    wait_for_text(driver, "Adresse proposée")
    comparison = driver.find_element(By.ID, "nouvelleAdresse-comparaison").text
    assert "8 bis avenue du Maréchal Foch" in comparison and "8 B AVENUE DU MARECHAL FOCH" in comparison
    assert "une adresse inexacte peut ne pas être prise en compte" in driver.page_source
    check_accessibility(driver, "60-changement-adresse-proposition")
    driver.find_element(By.CSS_SELECTOR, "button[name='nouvelleAdresse.valider']").click()

    wait_for_heading(driver, "Étape 3 sur 3 : Les organismes à informer")
    assert "toutes les personnes rattachées à ces numéros" in driver.page_source
    driver.find_element(By.ID, "champ-organismes.impots.choisi").click()
    type_into(driver, "champ-organismes.impots", "3021456789149")
    press(driver, "continuer")
    wait_for_text(driver, "numéro fiscal n'est pas valide")
    assert "Ce numéro fiscal n'est pas valide" in driver.find_element(By.ID, "champ-organismes.impots-erreur").text
    check_accessibility(driver, "61-changement-adresse-numeros-erreur")
    type_into(driver, "champ-organismes.impots", "3021456789148")
    driver.find_element(By.ID, "champ-organismes.ameli.choisi").click()
    type_into(driver, "champ-organismes.ameli", "1 84 12 75 115 423 22")
    press(driver, "continuer")

    summary = transmit(driver)
    assert "8 B AVENUE DU MARECHAL FOCH" in summary and "69006 LYON" in summary
    assert "Numéro fiscal : 3021456789148" in summary and "184127511542322" in summary
    page = driver.page_source
    assert "Votre profil a été mis à jour" not in page
    assert "Direction générale des Finances publiques" in page and "Assurance maladie" in page


def test_the_input_kept_and_the_profile_updated(server, browser):
    driver = browser
    start_and_give_the_old_address(driver, server)
    type_new_address(driver, "3 chemin des Tamarins", "97438", "sainte marie")
    driver.find_element(By.ID, "champ-majProfil").click()
    press(driver, "continuer")
    wait_for_text(driver, "Adresse proposée")
    assert "97438 STE MARIE" in driver.find_element(By.ID, "nouvelleAdresse-comparaison").text
    assert driver.find_element(By.ID, "champ-majProfil").is_selected(), "the profile box stays ticked"
    driver.find_element(By.ID, "champ-nouvelleAdresse.refus").click()
    press(driver, "continuer")

    wait_for_heading(driver, "Étape 3 sur 3 : Les organismes à informer")
    driver.find_element(By.ID, "champ-organismes.cnav.choisi").click()
    type_into(driver, "champ-organismes.cnav", "2 85 02 69 123 456 40")
    press(driver, "continuer")
    summary = transmit(driver)
    assert "3 chemin des Tamarins" in summary and "sans la correction de La Poste" in summary
    assert "Votre profil a été mis à jour avec cette adresse" in driver.page_source
    check_accessibility(driver, "62-changement-adresse-confirmation")

    # Mes coordonnées shows the new address; the same proposal comes when it is edited.
    driver.get(server.url + "/mon-compte/mes-coordonnees")
    wait_for_heading(driver, "Mes coordonnées")
    assert driver.find_element(By.ID, "champ-addressLine1").get_attribute("value") == "3 chemin des Tamarins"
    type_into(driver, "champ-addressLine1", "12 rue de la Paix")
    type_into(driver, "champ-postalCode", "75002")
    type_into(driver, "champ-city", "Paris")
    driver.find_element(By.XPATH, "//button[normalize-space()='Enregistrer mes coordonnées']").click()
    wait_for_text(driver, "Adresse proposée")
    assert "12 RUE DE LA PAIX" in driver.find_element(By.ID, "adresse-comparaison").text
    check_accessibility(driver, "63-mes-coordonnees-proposition")
    # Kept as typed, so the other journeys find the demonstration profile as it was.
    driver.find_element(By.ID, "champ-adresse.refus").click()
    # The visible button (a hidden copy comes first, so that Enter saves).
    driver.find_element(By.XPATH, "//div[@class='form-actions']/button[normalize-space()='Enregistrer mes coordonnées']").click()
    wait_for_text(driver, "Vos coordonnées sont enregistrées.")
    assert driver.find_element(By.ID, "champ-city").get_attribute("value") == "Paris"
