import Foundation
import GuichetCore
import Testing

@Suite struct FileNumberTests {
    /// The NIR key computed here from its definition, to build valid examples.
    private func nirKey(_ body: String) -> String {
        let digits = body.replacingOccurrences(of: "2A", with: "19").replacingOccurrences(of: "2B", with: "18")
        let key = 97 - Int(digits)! % 97
        return key < 10 ? "0\(key)" : String(key)
    }

    @Test func validSocialSecurityNumbersAreAccepted() {
        #expect(FileNumberRule.nir.check("1 84 12 75 115 423 22") == .success("184127511542322"))
        #expect(FileNumberRule.nir.check("269054958815780") == .success("269054958815780"))
        #expect(FileNumberRule.nir.check("1.85.07.75.056.012.37") == .success("185077505601237"))
        for body in ["1841275115423", "2940213055123", "1711099350002", "2840197411001", "1850219004012"] {
            #expect(FileNumberRule.nir.check(body + nirKey(body)) == .success(body + nirKey(body)), "\(body)")
        }
    }

    @Test func corsicanDepartmentsCountAsNineteenAndEighteen() {
        #expect(nirKey("185022A004012") == "22" && nirKey("292072B033045") == "94")
        #expect(FileNumberRule.nir.check("1 85 02 2A 004 012 22") == .success("185022A00401222"))
        #expect(FileNumberRule.nir.check("2 92 07 2b 033 045 94") == .success("292072B03304594"))
        // The key of 2A computed as if it were 20 does not pass.
        let asIfTwenty = String(97 - 1_850_220_004_012 % 97)
        #expect(FileNumberRule.nir.check("185022A004012" + asIfTwenty) == .failure(.wrongKey(.nir)))
    }

    @Test func wrongSocialSecurityNumbersAreRefused() {
        #expect(FileNumberRule.nir.check("1 84 12 75 115 423 23") == .failure(.wrongKey(.nir)))
        #expect(FileNumberRule.nir.check("2 84 12 75 115 423 22") == .failure(.wrongKey(.nir)))
        #expect(FileNumberRule.nir.check("1 84 12 75 115 423") == .failure(.malformed(.nir)))
        #expect(FileNumberRule.nir.check("1841275115423221") == .failure(.malformed(.nir)))
        #expect(FileNumberRule.nir.check("1 85 02 2C 004 012 22") == .failure(.malformed(.nir)))
        #expect(FileNumberRule.nir.check("18412751154AB22") == .failure(.malformed(.nir)))
        #expect(FileNumberRule.nir.check("  ") == .failure(.missing(.nir)))
        #expect(FileNumberRule.Refusal.malformed(.nir).message
            == "Le numéro de sécurité sociale compte 15 caractères : 13 chiffres (ou 2A/2B pour la Corse) et une clé de 2 chiffres.")
        #expect(FileNumberRule.Refusal.wrongKey(.nir).message
            == "La clé de ce numéro de sécurité sociale ne correspond pas : vérifiez-le sur votre carte Vitale.")
    }

    @Test func taxNumbersEndWithTheirFirstTenDigitsModulo511() {
        #expect(1_234_567_890 % 511 == 66 && 3_012_345_678 % 511 == 167)
        #expect(FileNumberRule.taxNumber.check("1234567890066") == .success("1234567890066"))
        #expect(FileNumberRule.taxNumber.check("30 12 345 678 167") == .success("3012345678167"))
        #expect(FileNumberRule.taxNumber.check("0000000001001") == .success("0000000001001"))
        #expect(FileNumberRule.taxNumber.check("1234567890067") == .failure(.wrongKey(.taxNumber)))
        #expect(FileNumberRule.taxNumber.check("2234567890066") == .failure(.wrongKey(.taxNumber)))
        #expect(FileNumberRule.taxNumber.check("123456789006") == .failure(.malformed(.taxNumber)))
        #expect(FileNumberRule.taxNumber.check("12345678900AB") == .failure(.malformed(.taxNumber)))
        #expect(FileNumberRule.Refusal.malformed(.taxNumber).message == "Le numéro fiscal compte 13 chiffres.")
    }

    @Test func cafNumbersHaveSevenDigits() {
        #expect(FileNumberRule.cafNumber.check("1234567") == .success("1234567"))
        #expect(FileNumberRule.cafNumber.check("123 45 67") == .success("1234567"))
        #expect(FileNumberRule.cafNumber.check("0012345") == .success("0012345"))
        #expect(FileNumberRule.cafNumber.check("123456") == .failure(.malformed(.cafNumber)))
        #expect(FileNumberRule.cafNumber.check("12345678") == .failure(.malformed(.cafNumber)))
        #expect(FileNumberRule.cafNumber.check("12345A7") == .failure(.malformed(.cafNumber)))
        #expect(FileNumberRule.Refusal.malformed(.cafNumber).message == "Le numéro d'allocataire compte 7 chiffres, par exemple 1234567.")
    }

    @Test func eachOrganisationHasItsRule() {
        #expect(FileNumberRule(organisation: "ameli") == .nir)
        #expect(FileNumberRule(organisation: "cnav") == .nir)
        #expect(FileNumberRule(organisation: "msa") == .nir)
        #expect(FileNumberRule(organisation: "impots") == .taxNumber)
        #expect(FileNumberRule(organisation: "caf") == .cafNumber)
        #expect(FileNumberRule(organisation: "cesu") == nil)
    }

    @Test func numbersAreShownMasked() {
        #expect(FileNumberRule.masked("184127511542322") == "•••••••••••2322")
        #expect(FileNumberRule.masked("1234567") == "•••4567")
        #expect(FileNumberRule.masked("123") == "123")
    }
}
