"""Browser journey of SPEC §2: add a document made of several files (with "Ajouter un autre
fichier"), see it listed, download it, rename it, refuse a hostile file, delete it."""
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_accessibility, wait_for_heading
from test_accounts import sign_in

PASSWORD = "un café au lait sans sucre"  # the demonstration citizen


def test_wallet_journey(server, browser, corpus):
    driver = browser
    sign_in(driver, server, "jeanne.martin", PASSWORD)
    wait_for_heading(driver, "Mon compte")
    driver.find_element(By.LINK_TEXT, "Mon porte-documents").click()
    wait_for_heading(driver, "Mon porte-documents")
    check_accessibility(driver, "40-porte-documents-vide")

    driver.find_element(By.LINK_TEXT, "Ajouter un document").click()
    wait_for_heading(driver, "Ajouter un document")
    # Only the first file field shows; "Ajouter un autre fichier" adds the next.
    assert driver.find_element(By.ID, "champ-fichier1").is_displayed()
    assert not driver.find_element(By.ID, "champ-fichier2").is_displayed()
    check_accessibility(driver, "41-ajouter-un-document")
    driver.find_element(By.ID, "champ-fichier1").send_keys(str(corpus / "pdf-1.pdf"))
    driver.find_element(By.XPATH, "//button[normalize-space()='Ajouter un autre fichier']").click()
    assert driver.find_element(By.ID, "champ-fichier2").is_displayed()
    assert driver.switch_to.active_element.get_attribute("id") == "champ-fichier2"
    driver.find_element(By.ID, "champ-fichier2").send_keys(str(corpus / "jpeg-rgb.jpg"))
    driver.find_element(By.ID, "champ-title").send_keys("Justificatif de domicile")
    Select(driver.find_element(By.ID, "champ-category")).select_by_visible_text("Justificatif de domicile")
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Mon porte-documents")
    assert "a été ajouté (2 pages" in driver.page_source
    check_accessibility(driver, "42-porte-documents")

    # Download it with the browser's cookies.
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "Télécharger").get_attribute("href")
    cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookies})) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.read().startswith(b"%PDF-")

    # A hostile file is refused next to its field, the title kept.
    driver.find_element(By.LINK_TEXT, "Ajouter un document").click()
    wait_for_heading(driver, "Ajouter un document")
    driver.find_element(By.ID, "champ-fichier1").send_keys(str(corpus / "encrypted.pdf"))
    driver.find_element(By.ID, "champ-title").send_keys("Relevé")
    Select(driver.find_element(By.ID, "champ-category")).select_by_visible_text("Autre document")
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Ajouter un document")
    assert "protégé par un mot de passe" in driver.find_element(By.ID, "champ-fichier1-erreur").text
    assert driver.find_element(By.ID, "champ-title").get_attribute("value") == "Relevé"
    check_accessibility(driver, "43-ajouter-erreur")

    # Rename, then delete.
    driver.get(server.url + "/mon-compte/mes-documents")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Renommer").click()
    wait_for_heading(driver, "Renommer le document")
    check_accessibility(driver, "44-renommer")
    field = driver.find_element(By.ID, "champ-title")
    field.clear()
    field.send_keys("Facture d'électricité")
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Mon porte-documents")
    assert "Facture d'électricité" in driver.page_source
    driver.find_element(By.PARTIAL_LINK_TEXT, "Supprimer").click()
    wait_for_heading(driver, "Supprimer le document")
    check_accessibility(driver, "45-supprimer")
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Mon porte-documents")
    assert "Votre porte-documents est vide." in driver.page_source
