import Foundation
@testable import GuichetCore
import Testing

/// Checking answers (lenient for saving, strict for going on), pre-fill, the summary,
/// the catalogue search and the town-hall directory.
@Suite struct ProcedureAnswersTests {
    static let catalogue: ProcedureCatalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! ProcedureLoader.load(directory: root.appendingPathComponent("Procedures"))
    }()

    /// "Today" is injected: date rules follow it, not the machine's clock.
    static func context(today: CalendarDate = CalendarDate(year: 2026, month: 11, day: 23)!) -> ValidationContext {
        ValidationContext(today: today, postalCodes: ReferenceData.postalCodes, townHalls: ReferenceData.townHalls)
    }

    var caf: Procedure { Self.catalogue.procedure("changement-situation-caf")! }
    var birth: Procedure { Self.catalogue.procedure("demande-acte-naissance")! }

    func errors(_ result: Result<Answers, FieldErrors>) -> [String: String] {
        guard case .failure(let errors) = result else { return [:] }
        return Dictionary(errors.entries.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func strictModeRequiresAnswersLenientModeDoesNot() {
        let step = caf.steps[0]
        let empty = step.typedAnswers(SubmittedFields([]))
        #expect(errors(caf.validate(step.fields, answers: empty, mode: .lenient, context: Self.context())).isEmpty)
        let strict = errors(caf.validate(step.fields, answers: empty, mode: .strict, context: Self.context()))
        #expect(strict["numeroAllocataire"] == "Renseignez le champ « Numéro d'allocataire ».")
        #expect(strict["adresse.ligne1"] != nil)
    }

    @Test func malformedAnswersAreRefusedEvenWhenSaving() {
        let step = caf.steps[0]
        let typed = step.typedAnswers(SubmittedFields([("numeroAllocataire", "12AB"), ("adresse.codePostal", "7500")]))
        let found = errors(caf.validate(step.fields, answers: typed, mode: .lenient, context: Self.context()))
        #expect(found["numeroAllocataire"] == "Le numéro d'allocataire compte 7 chiffres, par exemple 1234567.")
        #expect(found["adresse.codePostal"] == "Le code postal compte 5 chiffres, par exemple 75002.")
    }

    @Test func aPatternMustMatchTheWholeAnswer() throws {
        let postalCode = try #require(FieldPattern("[0-9]{5}"))
        #expect(postalCode.source == "[0-9]{5}")
        #expect(postalCode.matches("69003"))
        #expect(!postalCode.matches("690031") && !postalCode.matches("x69003") && !postalCode.matches(""))
        let either = try #require(FieldPattern("oui|non"))
        #expect(either.matches("non") && !either.matches("nonne"), "the anchors hold around alternatives")
        #expect(FieldPattern("[0-9") == nil)
    }

    @Test func dateRangesAreRelativeToTheInjectedToday() {
        let step = caf.steps[1]
        func check(_ date: String, today: CalendarDate) -> [String: String] {
            let typed = step.typedAnswers(SubmittedFields([("changement", "mariage"), ("dateChangement", date)]))
            return errors(caf.validate(step.fields, answers: typed, mode: .strict, context: Self.context(today: today)))
        }
        let today = CalendarDate(year: 2026, month: 11, day: 23)!
        #expect(check("23/11/2026", today: today).isEmpty)
        #expect(check("24/11/2026", today: today)["dateChangement"] == "Signalez le changement une fois qu'il a eu lieu.")
        #expect(check("23/11/2024", today: today).isEmpty, "exactly two years ago is allowed")
        #expect(check("22/11/2024", today: today)["dateChangement"] == "Un changement de plus de deux ans se signale directement à votre CAF.")
        #expect(check("24/11/2026", today: CalendarDate(year: 2026, month: 11, day: 24)!).isEmpty, "the same date is fine a day later")
        #expect(check("31/02/2026", today: today)["dateChangement"] == "Cette date n'existe pas : vérifiez le jour et le mois.")
        #expect(check("2026-11-01", today: today)["dateChangement"] == "Saisissez la date au format JJ/MM/AAAA, par exemple 14/07/2026.")
    }

    @Test func aCommuneIsMatchedToItsTownHall() throws {
        let step = birth.steps[0]
        let typed = step.typedAnswers(SubmittedFields([("demandeur", "soi"), ("nom", "Dupont"), ("prenoms", "Élodie"),
                                                       ("dateNaissance", "14/07/1990"), ("communeNaissance.codePostal", "69003"),
                                                       ("communeNaissance.commune", "lyon")]))
        let valid = try birth.validate(step.fields, answers: typed, mode: .strict, context: Self.context()).get()
        #expect(valid["communeNaissance"]?.inseeCode == "69123", "an arrondissement routes to the city's town hall")
        let wrong = step.typedAnswers(SubmittedFields([("communeNaissance.codePostal", "69003"), ("communeNaissance.commune", "Paris")]))
        #expect(errors(birth.validate(step.fields, answers: wrong, mode: .lenient, context: Self.context()))["communeNaissance.commune"]
            == "La commune « Paris » ne correspond pas au code postal 69003. Communes de ce code postal : Lyon.")
        let unknown = step.typedAnswers(SubmittedFields([("communeNaissance.codePostal", "00000"), ("communeNaissance.commune", "Nulle part")]))
        #expect(errors(birth.validate(step.fields, answers: unknown, mode: .lenient, context: Self.context()))["communeNaissance.codePostal"]
            == "Le code postal 00000 n'existe pas : vérifiez-le.")
    }

    @Test func theRoutingNeedsAKnownTownHallWhenStrict() throws {
        let step = birth.steps[0]
        let typed = step.typedAnswers(SubmittedFields([("demandeur", "soi"), ("nom", "Dupont"), ("prenoms", "Élodie"),
                                                       ("dateNaissance", "14/07/1990"), ("communeNaissance.codePostal", "69003"),
                                                       ("communeNaissance.commune", "Lyon")]))
        let noTownHalls = ValidationContext(today: CalendarDate(year: 2026, month: 11, day: 23)!, postalCodes: ReferenceData.postalCodes,
                                            townHalls: TownHallDirectory([]))
        let found = errors(birth.validate(step.fields, answers: typed, mode: .strict, context: noTownHalls))
        #expect(found["communeNaissance.commune"]?.contains("ne peut pas lui être transmise en ligne") == true)
        #expect(errors(birth.validate(step.fields, answers: typed, mode: .lenient, context: noTownHalls)).isEmpty)
    }

    @Test func prefillTakesTheProfileValuesBoundByTheDefinition() {
        let electoral = Self.catalogue.procedure("inscription-listes-electorales")!
        var profile = Profile(civility: .madame, lastName: "Martin", firstNames: "Jeanne")
        profile.birthDate = CalendarDate(year: 1985, month: 7, day: 14)!
        profile.birthPlace = "Lyon"
        profile.addressLine1 = "12 rue de la Paix"
        profile.postalCode = "75002"
        profile.city = "Paris"
        let answers = electoral.prefilledAnswers(from: PrefillSource(profile: profile, email: "jeanne@exemple.fr"))
        #expect(answers["civilite"] == .text("madame"))
        #expect(answers["nomNaissance"] == .text("Martin"))
        #expect(answers["dateNaissance"] == .text("14/07/1985"))
        #expect(answers["adresse"] == .address(PostalAddress(line1: "12 rue de la Paix", postalCode: "75002", city: "Paris")))
        #expect(answers["courriel"] == .text("jeanne@exemple.fr"))
        #expect(answers["nationalite"] == nil, "fields without a binding stay empty")
    }

    @Test func theSummaryListsEveryAnswerAndMarksTheMissingOnes() {
        var answers = Answers()
        answers["numeroAllocataire"] = .text("1234567")
        answers["changement"] = .text("pacs")
        let attachment = UUID()
        answers["justificatif"] = .attachment(attachment)
        let summary = caf.summary(answers, attachment: { $0 == attachment ? "Acte de Pacs (PDF, 1 page)" : nil })
        #expect(summary.map(\.title) == caf.steps.map(\.title))
        let lines = summary.flatMap(\.lines)
        #expect(lines.first { $0.label == "Numéro d'allocataire" }?.value == ["1234567"])
        #expect(lines.first { $0.label == "Nature du changement" }?.value == ["Pacte civil de solidarité (Pacs)"])
        #expect(lines.first { $0.label == "Justificatif du changement" }?.value == ["Acte de Pacs (PDF, 1 page)"])
        #expect(lines.first { $0.label == "Nom" }?.value == [Procedure.unanswered])
    }

    @Test func searchIgnoresAccentsCaseAndPluralsAndAppliesFilters() {
        let catalogue = Self.catalogue
        func ids(_ query: ProcedureCatalog.Query) -> [String] { catalogue.search(query).map(\.id) }
        #expect(ids(.init(text: "LISTE ELECTORALE")) == ["inscription-listes-electorales"])
        #expect(ids(.init(text: "élections inscription")).contains("inscription-listes-electorales"))
        #expect(ids(.init(text: "acte de naissance")).first == "demande-acte-naissance")
        #expect(ids(.init(text: "12669")) == ["inscription-listes-electorales"])
        #expect(ids(.init(text: "xyzzy")).isEmpty)
        #expect(ids(.init(nature: .blankForm)).count >= 2)
        #expect(ids(.init(nature: .blankForm)).allSatisfy { catalogue.procedure($0)?.nature == .blankForm })
        #expect(ids(.init(theme: .family)).contains("changement-situation-caf"))
        #expect(!ids(.init(audience: .business)).contains("inscription-listes-electorales"))
        #expect(ids(.init()).count == catalogue.procedures.count)
    }

    @Test func townHallsComeFromTheShippedDirectory() throws {
        let lyon = try #require(ReferenceData.townHalls.townHall(inseeCode: "69123"))
        #expect(lyon.organisation.name == "Mairie de Lyon" && lyon.organisation.id == "mairie-69123")
        #expect(!lyon.contacts.address.isEmpty && lyon.contacts.phone != nil)
        let paris = try #require(ReferenceData.townHalls.townHall(organisationID: "mairie-75056"))
        #expect(paris.communeName == "Paris", "Paris, missing from the source file, comes from the supplement")
        #expect(TownHall.of("Aix-en-Provence") == "d'Aix-en-Provence")
        #expect(TownHall.of("Le Mans") == "du Mans" && TownHall.of("Les Mureaux") == "des Mureaux" && TownHall.of("Lyon") == "de Lyon")
        #expect(OpeningHours.describe(json: #"[["lundi","vendredi",[["08:30:00","12:00:00"],["13:30:00","17:00:00"]]],["samedi","samedi",[["09:00:00","12:00:00"]]]]"#)
            == ["Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h", "Samedi : 9 h – 12 h"])
    }
}
