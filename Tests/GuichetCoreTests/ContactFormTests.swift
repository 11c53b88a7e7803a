import GuichetCore
import Testing

@Suite struct ContactFormTests {
    let postalCodes = ReferenceData.postalCodes

    func valid(_ change: (inout ContactForm) -> Void = { _ in }) -> ContactForm {
        var form = ContactForm(subject: "compte", message: "Bonjour, je ne reçois pas le courriel.",
                               email: "jeanne@exemple.fr", emailConfirmation: "jeanne@exemple.fr", place: "95200")
        change(&form)
        return form
    }

    func errors(_ form: ContactForm) -> FieldErrors {
        if case .failure(let errors) = form.validate(postalCodes: postalCodes) { return errors }
        return FieldErrors()
    }

    @Test func acceptsACompleteForm() throws {
        let result = try valid().validate(postalCodes: postalCodes).get()
        #expect(result.subject == .account)
        #expect(result.email.value == "jeanne@exemple.fr")
        #expect(result.place == "95200")
    }

    @Test func messageOfExactly800CharactersIsAccepted() {
        #expect(errors(valid { $0.message = String(repeating: "é", count: 800) }).isEmpty)
    }

    @Test func messageOf801CharactersIsRefusedWithItsLength() {
        let message = errors(valid { $0.message = String(repeating: "a", count: 801) })["message"]
        #expect(message == "Votre message doit faire 800 caractères au maximum : il en fait 801.")
    }

    @Test func messageLengthCountsWhatPeopleSee() {
        // "é" typed as e + combining accent is one character; CRLF line breaks count once.
        let decomposed = String(repeating: "e\u{301}", count: 399) + String(repeating: "\r\n", count: 399)
        #expect(errors(valid { $0.message = "x" + decomposed + "y" }).isEmpty)
    }

    @Test func tenKilobyteMessageIsRefused() {
        #expect(errors(valid { $0.message = String(repeating: "0123456789", count: 1024) })["message"] != nil)
    }

    @Test func emptyFieldsEachGetTheirMessageInPageOrder() {
        let result = errors(ContactForm())
        #expect(result.entries.map(\.field) == ["subject", "message", "email", "emailConfirmation", "place"])
        #expect(result["subject"] == "Choisissez le sujet de votre question.")
        #expect(result["message"] == "Saisissez votre message.")
        #expect(result["email"] == "Saisissez votre adresse électronique.")
        #expect(result["emailConfirmation"] == "Confirmez votre adresse électronique.")
        #expect(result["place"] == "Saisissez votre ville ou votre code postal.")
    }

    @Test func unknownSubjectIsRefused() {
        #expect(errors(valid { $0.subject = "<script>" })["subject"] != nil)
    }

    @Test func mismatchedEmailsAreRefused() {
        let result = errors(valid { $0.emailConfirmation = "jeanne@exemple.com" })
        #expect(result["emailConfirmation"] == "Les deux adresses électroniques ne sont pas identiques.")
    }

    @Test func emailsDifferingOnlyInCaseMatch() {
        #expect(errors(valid { $0.emailConfirmation = "Jeanne@EXEMPLE.fr" }).isEmpty)
    }

    @Test func invalidEmailIsRefused() {
        for bad in ["jeanne", "jeanne@", "@exemple.fr", "jeanne@exemple", "jea nne@exemple.fr", "a@b.c", "x@exemple..fr",
                    "jeanne@exemple.fr\nBcc: x@y.fr", "\"a\"@exemple.fr"] {
            #expect(errors(valid { $0.email = bad; $0.emailConfirmation = bad })["email"]
                == "Saisissez une adresse électronique valide, par exemple nom@exemple.com.", "\(bad)")
        }
    }

    @Test func controlCharactersInMessageAreRefused() {
        #expect(errors(valid { $0.message = "Bonjour\u{0}" })["message"] != nil)
        #expect(errors(valid { $0.message = "Bonjour\u{202E}" })["message"] != nil)
    }

    @Test func placeAcceptsKnownPostalCodeOrTownName() {
        #expect(errors(valid { $0.place = "84290" }).isEmpty)
        #expect(errors(valid { $0.place = "Sainte-Cécile-les-Vignes" }).isEmpty)
        #expect(errors(valid { $0.place = "L'Haÿ-les-Roses" }).isEmpty)
    }

    @Test func unknownPostalCodeIsRefused() {
        #expect(errors(valid { $0.place = "00000" })["place"]?.contains("00000") == true)
    }

    @Test func placeWithMarkupIsRefused() {
        #expect(errors(valid { $0.place = "<b>Paris</b>" })["place"] != nil)
        #expect(errors(valid { $0.place = String(repeating: "a", count: 81) })["place"] != nil)
    }

    @Test func surroundingSpacesAreIgnored() throws {
        let result = try valid { $0.email = "  jeanne@exemple.fr "; $0.message = "\n Bonjour \n" }
            .validate(postalCodes: postalCodes).get()
        #expect(result.email.value == "jeanne@exemple.fr")
        #expect(result.message == "Bonjour")
    }
}
