"""Browser journey of SPEC §3–§4: find a procedure by search, fill it pre-filled from the
profile, attach a wallet document, save it, sign out and in, complete it from "Mon activité",
transmit it, and get the reference, the PDF receipt and the confirmation email."""
import email.header
import pathlib
import subprocess
import tempfile
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_accessibility, wait_for_heading, wait_until
from test_accounts import sign_in, sign_out, text_part

PASSWORD = "un café au lait sans sucre"  # the demonstration citizen


def press(driver, action):
    driver.find_element(By.CSS_SELECTOR, "main button[name='_action'][value='%s']" % action).click()


def test_procedure_journey(server, browser, corpus):
    driver = browser
    sign_in(driver, server, "jeanne.martin", PASSWORD)
    wait_for_heading(driver, "Mon compte")

    # A document in the wallet, to attach later.
    driver.get(server.url + "/mon-compte/mes-documents/ajouter")
    driver.find_element(By.ID, "champ-fichier1").send_keys(str(corpus / "pdf-1.pdf"))
    driver.find_element(By.ID, "champ-title").send_keys("Carte d'identité")
    Select(driver.find_element(By.ID, "champ-category")).select_by_visible_text("Pièce d'identité")
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Mon porte-documents")

    # Find the procedure by searching the catalogue.
    driver.find_element(By.LINK_TEXT, "Services en ligne et formulaires").click()
    wait_for_heading(driver, "Services en ligne et formulaires")
    driver.find_element(By.ID, "champ-q").send_keys("inscription listes electorales")
    driver.find_element(By.XPATH, "//button[normalize-space()='Rechercher']").click()
    wait_until(driver, lambda d: "q=inscription" in d.current_url and "1 résultat" in d.page_source)
    link = driver.find_element(By.LINK_TEXT, "Demande d'inscription sur les listes électorales")
    check_accessibility(driver, "50-catalogue-recherche")
    link.click()
    wait_for_heading(driver, "Demande d'inscription sur les listes électorales")
    assert "cerfa n°12669*02" in driver.page_source
    check_accessibility(driver, "51-demarche")
    driver.find_element(By.XPATH, "//button[normalize-space()='Commencer la démarche']").click()

    # Step 1: pre-filled from the profile.
    wait_for_heading(driver, "Étape 1 sur 4 : Votre identité")
    assert driver.find_element(By.ID, "champ-nomNaissance").get_attribute("value") == "Martin"
    assert driver.find_element(By.ID, "champ-prenoms").get_attribute("value") == "Jeanne"
    check_accessibility(driver, "52-etape-1")
    press(driver, "continuer")
    wait_for_heading(driver, "Étape 1 sur 4 : Votre identité")
    assert "Choisissez une réponse" in driver.find_element(By.ID, "champ-nationalite-erreur").text
    check_accessibility(driver, "53-etape-1-erreur")
    driver.find_element(By.ID, "champ-nationalite").click()
    press(driver, "continuer")

    # Step 2: the address comes from the profile too.
    wait_for_heading(driver, "Étape 2 sur 4 : Votre adresse")
    assert driver.find_element(By.ID, "champ-adresse.codePostal").get_attribute("value") == "75002"
    driver.find_element(By.ID, "champ-attache").click()
    press(driver, "continuer")

    # Step 3: a wallet document and an uploaded file, then "Enregistrer".
    wait_for_heading(driver, "Étape 3 sur 4 : Vos justificatifs")
    check_accessibility(driver, "54-etape-justificatifs")
    Select(driver.find_element(By.ID, "champ-pieceIdentite.document")).select_by_visible_text("Carte d'identité (1 page)")
    driver.find_element(By.ID, "champ-justificatifDomicile").send_keys(str(corpus / "jpeg-rgb.jpg"))
    press(driver, "enregistrer")
    wait_for_heading(driver, "Votre démarche est enregistrée")
    check_accessibility(driver, "55-demarche-enregistree")

    # Sign out, sign in, and complete it from "Mon activité".
    sign_out(driver)
    sign_in(driver, server, "jeanne.martin", PASSWORD)
    wait_for_heading(driver, "Mon compte")
    driver.find_element(By.LINK_TEXT, "Mon activité").click()
    wait_for_heading(driver, "Mon activité")
    assert "Demande d'inscription sur les listes électorales" in driver.page_source
    check_accessibility(driver, "56-mon-activite-brouillon")
    driver.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Compléter')]").click()
    wait_for_heading(driver, "Étape 3 sur 4 : Vos justificatifs")
    assert "Document joint" in driver.page_source
    press(driver, "continuer")
    wait_for_heading(driver, "Étape 4 sur 4 : Votre attestation")
    driver.find_element(By.ID, "champ-attestation").click()
    press(driver, "continuer")
    wait_for_heading(driver, "Récapitulatif de votre demande")
    assert "Carte d'identité" in driver.page_source and "Mairie de Paris" in driver.page_source
    check_accessibility(driver, "57-recapitulatif")
    driver.find_element(By.XPATH, "//button[normalize-space()='Transmettre ma demande']").click()

    # The reference, the receipt, the email.
    wait_for_heading(driver, "Votre demande a été transmise")
    reference = driver.find_element(By.ID, "reference").text
    assert reference.startswith("A-1-") and len(reference) == 13
    check_accessibility(driver, "58-confirmation")
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "Télécharger le récapitulatif").get_attribute("href")
    cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookies})) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        receipt = response.read()
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "recapitulatif.pdf"
        path.write_bytes(receipt)
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout
        assert reference in text and "Jeanne" in text and "Carte d'identité" in text
    mails = [m for m in server.emails_to("jeanne.martin@exemple.fr", count=1) if reference in text_part(m)]
    assert mails, "the confirmation email gives the reference"
    assert reference in str(email.header.make_header(email.header.decode_header(mails[0]["Subject"])))

    # Followed in "Mon activité"; it can no longer be changed.
    driver.get(server.url + "/mon-compte/mon-activite")
    driver.find_element(By.LINK_TEXT, reference).click()
    wait_for_heading(driver, "Demande d'inscription sur les listes électorales")
    assert "ne peut plus être modifiée ni annulée" in driver.page_source
    check_accessibility(driver, "59-dossier-transmis")

    # The wallet copy can go: the transmitted dossier keeps its own.
    driver.get(server.url + "/mon-compte/mes-documents")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Supprimer").click()
    wait_for_heading(driver, "Supprimer le document")
    driver.find_element(By.CSS_SELECTOR, "main .form-actions button").click()
    wait_for_heading(driver, "Mon porte-documents")
    assert "Votre porte-documents est vide." in driver.page_source
