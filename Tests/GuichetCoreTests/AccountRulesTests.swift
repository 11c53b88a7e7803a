import Foundation
import GuichetCore
import Testing

@Suite struct AccountIdentifierTests {
    @Test func acceptsTheAllowedCharactersAndKeepsLowerCase() throws {
        #expect(try AccountIdentifier.validate("Jeanne.Martin_75-b").get().value == "jeanne.martin_75-b")
        #expect(try AccountIdentifier.validate("abc").get().value == "abc")
        #expect(try AccountIdentifier.validate(String(repeating: "a", count: 64)).get().value.count == 64)
    }

    @Test(arguments: ["", "ab", String(repeating: "a", count: 65), "jeanne martin", "jéanne", "jeanne@martin", "<b>", "j'eanne", "jeanne\u{0}"])
    func refusesInvalidIdentifiers(_ typed: String) {
        #expect(throws: FieldMessage.self) { try AccountIdentifier.validate(typed).get() }
    }

    @Test func lookupIgnoresCaseAndSurroundingSpaces() {
        #expect(AccountIdentifier.lookupKey("  Jeanne.MARTIN ") == "jeanne.martin")
    }
}

@Suite struct PasswordPolicyTests {
    func problem(_ password: String, identifier: String = "jeanne.martin", email: String = "jeanne@exemple.fr",
                 names: [String] = ["Martin", "Jeanne"]) -> String? {
        PasswordPolicy.problem(with: password, identifier: identifier, email: email, names: names)?.text
    }

    @Test func lengthIsCountedInCharactersFrom12To128() {
        #expect(problem("onze lettre") == "Votre mot de passe doit compter au moins 12 caractères : il en compte 11.")
        #expect(problem("douze lettre") == nil)
        #expect(problem(String(repeating: "é", count: 128)) == nil)
        #expect(problem(String(repeating: "é", count: 129)) == "Votre mot de passe doit compter au plus 128 caractères.")
        #expect(problem("🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈🐈") == nil, "any Unicode, counted as characters")
    }

    @Test func commonPasswordsAreRefused() {
        #expect(ReferenceData.commonPasswords.count > 29_000)
        let common = try! #require(ReferenceData.commonPasswords.first { $0.count >= 12 })
        #expect(problem(common)?.hasPrefix("Ce mot de passe fait partie des plus utilisés") == true)
        #expect(problem(common.uppercased())?.hasPrefix("Ce mot de passe fait partie des plus utilisés") == true)
    }

    @Test func personalDetailsAreRefused() {
        #expect(problem("mon jeanne.martin secret") == "Votre mot de passe ne doit pas contenir votre identifiant.")
        #expect(problem("JEANNE@EXEMPLE.FR") == "Votre mot de passe ne doit pas être votre adresse électronique ni votre nom.")
        #expect(problem("Marie-Thérèse-Hélène", names: ["Marie-Thérèse-Hélène", "Dupont"]) != nil)
        #expect(problem("Jeanne Martin") == "Votre mot de passe ne doit pas être votre adresse électronique ni votre nom.")
        #expect(problem("martin jeanne") == "Votre mot de passe ne doit pas être votre adresse électronique ni votre nom.")
        #expect(problem("Jeanne Martin, 1985") == nil, "a longer phrase is fine")
    }

    @Test func passwordsAreComparedInNFC() {
        let composed = "mot de passe très sûr", decomposed = "mot de passe tre\u{300}s su\u{302}r"
        #expect(PasswordPolicy.normalized(composed) == PasswordPolicy.normalized(decomposed))
        #expect(Array(PasswordPolicy.normalized(decomposed).utf8) == Array(composed.utf8))
        #expect(PasswordPolicy.normalized("  espaces gardés  ") == "  espaces gardés  ", "never trimmed")
    }
}

@Suite struct LockoutPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func lockLastsExactlyTwoHours() {
        let until = now.addingTimeInterval(LockoutPolicy.lockDuration)
        #expect(LockoutPolicy.isLocked(lockedUntil: until, now: now.addingTimeInterval(2 * 3600 - 60)))
        #expect(!LockoutPolicy.isLocked(lockedUntil: until, now: now.addingTimeInterval(2 * 3600)))
        #expect(!LockoutPolicy.isLocked(lockedUntil: nil, now: now))
        #expect(LockoutPolicy.maximumFailures == 5)
        #expect(LockoutPolicy.lockedMessage(until: until).contains("15/01/2027 à 11 h 00"))
    }
}

@Suite struct HashVectorTests {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func sha1MatchesFIPS180Vectors() {
        #expect(hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.hash([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(SHA1.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func hmacMatchesRFC2202() {
        #expect(hex(SHA1.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
            == "b617318655057264e28bc0b6fb378c8ef146be00")
        #expect(hex(SHA1.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        #expect(hex(SHA1.hmac(key: [UInt8](repeating: 0xaa, count: 80), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "aa4ae5e15272d00e95705637ce8a3b55ed402112")
    }

    @Test func base32MatchesRFC4648() {
        for (plain, encoded) in [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")] {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base32.decode("mzxw 6ytb oi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZ1") == nil)
    }
}

@Suite struct TOTPTests {
    let secret = Array("12345678901234567890".utf8)

    @Test func matchesRFC6238Vectors() {
        for (time, code) in [(59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
                             (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130")] {
            #expect(TOTP.code(secret: secret, step: TOTP.timeStep(at: Date(timeIntervalSince1970: time)), digits: 8) == code)
        }
    }

    @Test func acceptsOneStepOfDriftAndNeverTheSameStepTwice() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let step = TOTP.timeStep(at: now)
        let current = TOTP.code(secret: secret, step: step)
        #expect(TOTP.matchingStep(current, secret: secret, now: now, after: nil) == step)
        #expect(TOTP.matchingStep(TOTP.code(secret: secret, step: step - 1), secret: secret, now: now, after: nil) == step - 1)
        #expect(TOTP.matchingStep(TOTP.code(secret: secret, step: step + 1), secret: secret, now: now, after: nil) == step + 1)
        #expect(TOTP.matchingStep(TOTP.code(secret: secret, step: step - 2), secret: secret, now: now, after: nil) == nil)
        #expect(TOTP.matchingStep(current, secret: secret, now: now, after: step) == nil, "replay refused")
        #expect(TOTP.matchingStep("12 34", secret: secret, now: now, after: nil) == nil)
    }

    @Test func provisioningURIForAuthenticatorApps() {
        let uri = TOTP.provisioningURI(secret: secret, account: "jeanne.martin")
        #expect(uri == "otpauth://totp/Guichet:jeanne.martin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Guichet&digits=6&period=30")
    }
}

@Suite struct SecondFactorCodeTests {
    @Test func smsCodesAreSixDigits() {
        let codes = (0..<200).map { _ in OneTimeCodePolicy.generate() }
        #expect(codes.allSatisfy { $0.count == 6 && $0.allSatisfy(\.isNumber) })
        #expect(Set(codes).count > 150)
        #expect(OneTimeCodePolicy.normalizedInput(" 123 456 ") == "123456")
    }

    @Test func unlockCodesAreSixteenReadableCharactersInGroups() {
        let code = UnlockCode.generate()
        #expect(code.count == 19)
        #expect(code.split(separator: "-").map(\.count) == [4, 4, 4, 4])
        #expect(UnlockCode.normalized(code).count == 16)
        #expect(UnlockCode.normalized(" abcd-efgh jkmn pqrs ") == "ABCDEFGHJKMNPQRS")
    }
}

@Suite struct PhoneNumberTests {
    @Test(arguments: [("06 12 34 56 78", "+33612345678"), ("06.12.34.56.78", "+33612345678"), ("+33 6 12 34 56 78", "+33612345678"),
                      ("0033612345678", "+33612345678"), ("01 23 45 67 89", "+33123456789"), ("+32 470 12 34 56", "+32470123456")])
    func parsesCommonForms(typed: String, e164: String) {
        #expect(PhoneNumber(typed)?.e164 == e164)
    }

    @Test(arguments: ["", "06 12 34", "00 00 00 00 00", "+33 6 12 34 56 789", "numéro", "06-12-34-56-7a", "+0612345678"])
    func refusesWhatIsNotANumber(_ typed: String) {
        #expect(PhoneNumber(typed) == nil)
    }

    @Test func displayAndMask() {
        let number = PhoneNumber("+33612345678")!
        #expect(number.display == "06 12 34 56 78")
        #expect(number.masked == "•• •• •• •• 78")
        #expect(number.isFrenchMobile)
        #expect(!PhoneNumber("01 23 45 67 89")!.isFrenchMobile)
    }
}

@Suite struct CalendarDateTests {
    @Test func readsJJMMAAAAStrictly() {
        #expect(CalendarDate(french: "29/02/2024") == CalendarDate(year: 2024, month: 2, day: 29))
        for bad in ["29/02/2023", "1/02/2024", "01/2/2024", "01/02/24", "01 /02/2024", "32/01/2024", "00/01/2024", "01/13/2024", "aa/bb/cccc", ""] {
            #expect(CalendarDate(french: bad) == nil, "\(bad)")
        }
        #expect(CalendarDate(year: 1985, month: 7, day: 14)?.french == "14/07/1985")
        #expect(CalendarDate(iso: "1985-07-14")?.iso == "1985-07-14")
    }

    @Test func monthsAreAddedWithTheDayClamped() {
        #expect(CalendarDate(year: 2027, month: 1, day: 31)!.adding(months: 1) == CalendarDate(year: 2027, month: 2, day: 28))
        #expect(CalendarDate(year: 2027, month: 11, day: 23)!.adding(months: 3) == CalendarDate(year: 2028, month: 2, day: 23))
        #expect(CalendarDate(year: 2027, month: 3, day: 31)!.adding(months: -1) == CalendarDate(year: 2027, month: 2, day: 28))
    }

    @Test func todayIsTakenInParis() {
        // 23:30 UTC on 31 December is already 1 January in Paris.
        let date = Date(timeIntervalSince1970: 1_798_759_800)
        #expect(CalendarDate(date) == CalendarDate(year: 2027, month: 1, day: 1))
    }
}

@Suite struct AccountFormTests {
    @Test func signUpCollectsEveryProblemInPageOrder() {
        guard case .failure(let errors) = SignUpForm().validate() else {
            Issue.record("an empty form was accepted")
            return
        }
        #expect(errors.entries.map(\.field) == ["identifier", "password", "email", "civility", "lastName", "firstNames"])
    }

    @Test func signUpAcceptsAValidForm() throws {
        let valid = try SignUpForm(identifier: "Jeanne.Martin", password: "un café au lait sans sucre", email: "Jeanne@Exemple.FR",
                                   civility: "madame", lastName: "Martin", firstNames: "Jeanne Marie").validate().get()
        #expect(valid.identifier.value == "jeanne.martin")
        #expect(valid.email.value == "Jeanne@exemple.fr")
        #expect(valid.civility == .madame)
    }

    let today = CalendarDate(year: 2027, month: 1, day: 15)!

    func profileErrors(_ change: (inout ProfileForm) -> Void) -> FieldErrors {
        var form = ProfileForm()
        form.civility = "monsieur"
        form.lastName = "Dupont"
        form.firstNames = "Jean"
        change(&form)
        if case .failure(let errors) = form.validate(postalCodes: ReferenceData.postalCodes, today: today) { return errors }
        return FieldErrors()
    }

    @Test func profileAcceptsACompleteAddress() throws {
        var form = ProfileForm()
        (form.civility, form.lastName, form.firstNames) = ("monsieur", "Dupont", "Jean")
        (form.birthDate, form.birthPlace) = ("14/07/1985", "Lyon")
        (form.addressLine1, form.postalCode, form.city) = ("12 rue de la Paix", "75002", "Paris")
        form.mobilePhone = "06 12 34 56 78"
        let profile = try form.validate(postalCodes: ReferenceData.postalCodes, today: today).get()
        #expect(profile.birthDate == CalendarDate(year: 1985, month: 7, day: 14))
        #expect(profile.mobilePhone?.e164 == "+33612345678")
        #expect(ProfileForm(profile).mobilePhone == "06 12 34 56 78")
    }

    @Test func profileExplainsEachProblem() {
        #expect(profileErrors { $0.birthDate = "14-07-1985" }["birthDate"]?.contains("JJ/MM/AAAA") == true)
        #expect(profileErrors { $0.birthDate = "16/01/2027" }["birthDate"] == "La date de naissance ne peut pas être dans le futur.")
        #expect(profileErrors { $0.postalCode = "7500"; $0.city = "Paris" }["postalCode"] == "Le code postal compte 5 chiffres, par exemple 75015.")
        #expect(profileErrors { $0.postalCode = "75002"; $0.city = "Lyon" }["city"]?.hasPrefix("La commune ne correspond pas au code postal 75002.") == true)
        #expect(profileErrors { $0.postalCode = "75015"; $0.city = "paris" }.isEmpty)
        #expect(profileErrors { $0.postalCode = "84290"; $0.city = "SAINTE CECILE LES VIGNES" }.isEmpty)
        #expect(profileErrors { $0.addressLine1 = "12 rue"; $0.city = "Paris" }["postalCode"] == "Saisissez le code postal de votre adresse.")
        #expect(profileErrors { $0.mobilePhone = "12" }["mobilePhone"]?.contains("06 12 34 56 78") == true)
        #expect(profileErrors { $0.lastName = "<script>" }["lastName"] != nil)
        #expect(profileErrors { $0.addressLine1 = "12 rue\u{0}"; $0.postalCode = "75002"; $0.city = "Paris" }["addressLine1"] != nil)
    }
}
