"""Browser journey of the directory (SPEC §8): from the header to a search, the next page
of results by its link, a body's page with its hours — without JavaScript too — and
*Où s'informer* on a procedure's page for the signed-in citizen."""
import time

from selenium.webdriver.common.by import By

from conftest import check_accessibility, wait_for_heading, wait_until
from test_accounts import sign_in
from test_procedures import PASSWORD


def wait_for_the_shipped_directory(driver, server):
    """`serve` loads the shipped town halls in the background at a new database's first
    start (about a minute for a debug build): wait until they are searchable."""
    deadline = time.time() + 240
    while True:
        # The sample of other bodies comes last in the load.
        driver.get(server.url + "/annuaire?q=prefecture+lyon")
        if 'href="/annuaire/exemple-prefecture-69"' in driver.page_source:
            break
        assert time.time() < deadline, "the shipped directory was not loaded"
        time.sleep(2)


def search(driver, text):
    field = driver.find_element(By.ID, "champ-q")
    field.clear()
    field.send_keys(text)
    driver.find_element(By.XPATH, "//main//button[normalize-space()='Rechercher']").click()


def test_directory_search_and_a_body(server, browser):
    driver = browser
    wait_for_the_shipped_directory(driver, server)
    driver.get(server.url + "/")
    driver.find_element(By.LINK_TEXT, "Annuaire").click()
    wait_for_heading(driver, "Annuaire de l'administration")
    check_accessibility(driver, "70-annuaire")
    search(driver, "mairie saint denis")
    wait_until(driver, lambda d: "organismes trouvés" in d.page_source)
    first = driver.find_elements(By.CSS_SELECTOR, "ol.procedure-list h3 a")[0]
    assert first.text.startswith("Mairie de Saint-Denis"), first.text
    check_accessibility(driver, "71-annuaire-resultats")

    search(driver, "mairie")
    wait_until(driver, lambda d: "Page 1 sur" in d.page_source)
    driver.find_element(By.LINK_TEXT, "Page suivante").click()
    wait_until(driver, lambda d: "Page 2 sur" in d.page_source)
    assert "Page précédente" in driver.page_source

    search(driver, "<>!!")
    wait_until(driver, lambda d: "ne contient ni lettre ni chiffre" in d.page_source)
    check_accessibility(driver, "72-annuaire-message")

    search(driver, "caf 69")
    wait_until(driver, lambda d: "organisme trouvé" in d.page_source or "organismes trouvés" in d.page_source)
    driver.find_element(By.PARTIAL_LINK_TEXT, "Caisse d'allocations familiales").click()
    wait_until(driver, lambda d: "Horaires d'ouverture" in d.page_source)
    assert driver.find_element(By.CSS_SELECTOR, "table caption").get_attribute("textContent") == "Horaires d'ouverture de la semaine"
    status = driver.find_element(By.CSS_SELECTOR, "p.opening-status").text
    assert status.startswith(("Ouvert maintenant", "Fermé", "Ouvre")), status
    check_accessibility(driver, "73-organisme")


def test_directory_without_javascript(server, browser_without_javascript):
    driver = browser_without_javascript
    driver.get(server.url + "/annuaire?q=prefecture+lyon")
    wait_for_heading(driver, "Annuaire de l'administration")
    driver.find_element(By.LINK_TEXT, "Préfecture du Rhône").click()
    wait_for_heading(driver, "Préfecture du Rhône")


def test_where_to_ask_on_a_procedure_page(server, browser):
    driver = browser
    sign_in(driver, server, "jeanne.martin", PASSWORD)
    wait_for_heading(driver, "Mon compte")
    driver.get(server.url + "/services-en-ligne-et-formulaires/inscription-listes-electorales")
    wait_for_heading(driver, "Demande d'inscription sur les listes électorales")
    section = driver.find_element(By.CSS_SELECTOR, "section.where-to-ask")
    assert "Où s'informer" in section.text and "Mairie de Paris" in section.text
    check_accessibility(driver, "74-ou-s-informer")
