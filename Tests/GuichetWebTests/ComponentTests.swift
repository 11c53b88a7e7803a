import GuichetCore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
@preconcurrency import Plot
import Testing

/// Each form component's accessibility wiring: label bound to the input, hint and
/// error linked through `aria-describedby`, and user text always escaped.
@Suite struct ComponentTests {
    func html(_ component: Component) -> String { component.render(indentedBy: nil) }

    @Test func textInputBindsLabelHintAndError() {
        let out = html(TextInput(name: "email", label: "Votre adresse électronique", value: "a@b.fr", type: "email",
                                 hint: "Exemple : nom@exemple.com", error: "Saisissez une adresse valide."))
        #expect(out.contains(#"<label class="field__label" for="champ-email">Votre adresse électronique</label>"#))
        #expect(out.contains(#"<p class="field__hint" id="champ-email-aide">Exemple : nom@exemple.com</p>"#))
        #expect(out.contains(#"id="champ-email-erreur"><span class="sr-only">Erreur : </span>Saisissez une adresse valide.</p>"#))
        #expect(out.contains(#"aria-describedby="champ-email-aide champ-email-erreur""#))
        #expect(out.contains(#"aria-invalid="true""#))
        #expect(out.contains(#"id="champ-email" name="email" type="email" value="a@b.fr""#))
        #expect(out.contains("field--error"))
    }

    @Test func textInputWithoutErrorHasNoInvalidMarks() {
        let out = html(TextInput(name: "place", label: "Ville"))
        #expect(!out.contains("aria-invalid"))
        #expect(!out.contains("aria-describedby"))
        #expect(out.contains(" required"))
    }

    @Test func optionalFieldSaysSo() {
        #expect(html(TextInput(name: "note", label: "Note", isRequired: false)).contains("(facultatif)"))
    }

    @Test func passwordIsNeverSentBack() {
        let out = html(TextInput(name: "password", label: "Mot de passe", value: "secret-value-123", type: "password"))
        #expect(!out.contains("secret-value-123"))
    }

    @Test func userTextCannotBreakOutOfAttributesOrElements() {
        let hostile = #""><script>alert(1)</script>&amp;'"#
        let out = html(TextInput(name: "place", label: hostile, value: hostile, hint: hostile, error: hostile))
        #expect(!out.contains("<script>"))
        #expect(out.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;&#39;"))
        let area = html(TextAreaInput(name: "message", label: "Message", value: "</textarea><script>x</script>"))
        #expect(!area.contains("<script>"))
    }

    @Test func textAreaShowsRemainingCharactersAndLinksTheCounter() {
        let out = html(TextAreaInput(name: "message", label: "Votre message", value: "", hint: "Aide",
                                     maxLength: 800))
        #expect(out.contains(#"<p class="field__counter" id="champ-message-compteur">800 caractères restants</p>"#))
        #expect(out.contains(#"aria-describedby="champ-message-aide champ-message-compteur""#))
        #expect(out.contains(#"data-counter-max="800""#))
        #expect(out.contains(#"aria-live="polite""#))
        #expect(TextAreaInput.remainingText(1) == "1 caractère restant")
        #expect(TextAreaInput.remainingText(0) == "0 caractère restant")
        #expect(TextAreaInput.remainingText(-3) == "3 caractères en trop")
        let over = html(TextAreaInput(name: "m", label: "M", value: "abcd", maxLength: 3))
        #expect(over.contains("field__counter--over") && over.contains("1 caractère en trop"))
    }

    @Test func selectMarksTheChosenOptionAndOffersNoDefault() {
        let out = html(SelectInput(name: "subject", label: "Sujet",
                                   choices: [Choice(value: "a", label: "A"), Choice(value: "b", label: "B")], selected: "b"))
        #expect(out.contains(#"<label class="field__label" for="champ-subject">Sujet</label>"#))
        #expect(out.contains(#"<option value>Sélectionnez une option</option>"#))
        #expect(out.contains(#"<option value="b" selected>B</option>"#))
        #expect(out.contains(#"<option value="a">A</option>"#))
    }

    @Test func choiceGroupUsesAFieldsetAndLinksTheFirstOption() {
        let out = html(ChoiceGroup(kind: .radio, name: "civility", legend: "Civilité",
                                   choices: [Choice(value: "mme", label: "Madame"), Choice(value: "m", label: "Monsieur", hint: "aide")],
                                   selected: ["m"], error: "Choisissez."))
        #expect(out.contains(#"<fieldset class="fieldset" aria-describedby="champ-civility-erreur">"#))
        #expect(out.contains(#"<legend class="fieldset__legend">Civilité</legend>"#))
        #expect(out.contains(#"id="champ-civility" name="civility" type="radio" value="mme""#))
        #expect(out.contains(#"id="champ-civility-2" name="civility" type="radio" value="m" class="choice__input" aria-describedby="champ-civility-2-aide" checked>"#))
        #expect(out.contains(#"<label class="choice__label" for="champ-civility-2">Monsieur</label>"#))
        let boxes = html(ChoiceGroup(kind: .checkbox, name: "themes", legend: "Thèmes",
                                     choices: [Choice(value: "a", label: "A"), Choice(value: "b", label: "B")], selected: ["a", "b"]))
        #expect(boxes.components(separatedBy: "checked").count == 3)
        #expect(boxes.contains(#"type="checkbox""#))
    }

    @Test func singleCheckboxHasItsLabel() {
        let out = html(SingleCheckbox(name: "refuse", label: "Je refuse ces modifications. Ma saisie sera conservée", isChecked: true))
        #expect(out.contains(#"<label class="choice__label" for="champ-refuse">Je refuse ces modifications. Ma saisie sera conservée</label>"#))
        #expect(out.contains(" checked>"))
    }

    @Test func dateInputExplainsTheFormat() {
        let out = html(DateInput(name: "moveDate", label: "Date de déménagement", value: "01/02/2027"))
        #expect(out.contains("Format : JJ/MM/AAAA"))
        #expect(out.contains(#"inputmode="numeric""#))
        #expect(out.contains(#"value="01/02/2027""#))
        #expect(out.contains(#"aria-describedby="champ-moveDate-aide""#))
    }

    @Test func fileInputAcceptsTheGivenTypes() {
        let out = html(FileInput(name: "file", label: "Fichier", hint: "PDF, PNG, GIF ou JPEG", error: "Trop gros",
                                 accept: "application/pdf,image/png"))
        #expect(out.contains(#"type="file""#))
        #expect(out.contains(#"accept="application/pdf,image/png""#))
        #expect(out.contains(#"aria-describedby="champ-file-aide champ-file-erreur""#))
    }

    @Test func errorSummaryLinksToEachFieldInOrder() {
        var errors = FieldErrors()
        errors.add("email", "Adresse invalide")
        errors.add("place", "Ville manquante")
        errors.add("email", "ignored: first message wins")
        let out = html(ErrorSummary(errors: errors))
        #expect(out.contains(#"role="alert""#))
        #expect(out.contains(#"tabindex="-1""#))
        #expect(out.contains(##"<li><a href="#champ-email">Adresse invalide</a></li><li><a href="#champ-place">Ville manquante</a></li>"##))
        #expect(html(ErrorSummary(errors: FieldErrors())).isEmpty)
    }

    @Test func noticesAndButtons() {
        #expect(html(Notice(.success, title: "Envoyé", text: "Merci")).contains(#"<div class="notice notice--success" role="status"><h2 class="notice__title">Envoyé</h2><p>Merci</p></div>"#))
        #expect(html(ActionButton(label: "Enregistrer", style: .secondary, name: "action", value: "save"))
            == #"<button type="submit" class="button button--secondary" name="action" value="save">Enregistrer</button>"#)
        #expect(html(ButtonLink(label: "Aide", url: .help)) == #"<a href="/aide" class="button button--primary">Aide</a>"#)
    }

    @Test func postFormCarriesTheTokenAndPostsToItsAction() {
        let out = html(PostForm(action: .contact, csrfToken: "TOKEN", defaultAction: "Envoyer") { HTML.text("x") })
        #expect(out.hasPrefix(#"<form method="post" action="/aide/poser-une-question" novalidate><input type="hidden" name="_csrf" value="TOKEN">"#))
        #expect(out.contains(#"<button type="submit" class="default-action" tabindex="-1" aria-hidden="true">Envoyer</button>"#))
        let upload = html(PostForm(action: .contact, csrfToken: "TOKEN", isMultipart: true) { HTML.text("x") })
        #expect(upload.contains(#"action="/aide/poser-une-question?_csrf=TOKEN""#))
        #expect(upload.contains(#"enctype="multipart/form-data""#))
    }

    @Test func captchaOffersANewCodeAndAudio() {
        let out = html(CaptchaInput(challenge: CaptchaChallenge(id: "abc"), error: "Recopiez le code de sécurité."))
        #expect(out.contains(#"src="/code-de-securite/abc/image""#))
        #expect(out.contains(#"href="/code-de-securite/abc/audio""#))
        #expect(out.contains(#"name="_action" value="nouveau-code""#))
        #expect(out.contains("Afficher un nouveau code"))
        #expect(out.contains("Écouter le code"))
        #expect(out.contains(#"<input type="hidden" name="captcha_id" value="abc">"#))
        #expect(out.contains(#"for="champ-captcha">Recopiez le code de sécurité</label>"#))
        #expect(out.contains("Le code est composé de chiffres et de lettres"))
        #expect(out.contains(#"autocomplete="off""#))
    }
}
