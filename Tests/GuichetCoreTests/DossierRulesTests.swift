import Foundation
@testable import GuichetCore
import Testing

/// SPEC §4: the life of a dossier, its reference and its draft deadlines.
@Suite struct DossierRulesTests {
    let saved = Date(timeIntervalSince1970: 1_800_000_000)
    let day: TimeInterval = 24 * 3600

    @Test func aDraftExpiresExactlyFifteenDaysAfterItsLastSave() {
        #expect(DraftPolicy.expiry(savedAt: saved) == saved.addingTimeInterval(15 * day))
        #expect(!DraftPolicy.isExpired(savedAt: saved, now: saved.addingTimeInterval(15 * day - 1)))
        #expect(DraftPolicy.isExpired(savedAt: saved, now: saved.addingTimeInterval(15 * day)))
    }

    @Test func theAlertIsDueTwelveDaysAfterTheSaveAndOnlyOnce() {
        #expect(!DraftPolicy.isAlertDue(savedAt: saved, alertSentAt: nil, now: saved.addingTimeInterval(12 * day - 1)))
        #expect(DraftPolicy.isAlertDue(savedAt: saved, alertSentAt: nil, now: saved.addingTimeInterval(12 * day)))
        #expect(!DraftPolicy.isAlertDue(savedAt: saved, alertSentAt: saved.addingTimeInterval(12 * day),
                                       now: saved.addingTimeInterval(13 * day)))
        #expect(!DraftPolicy.isAlertDue(savedAt: saved, alertSentAt: nil, now: saved.addingTimeInterval(15 * day)),
                "no alert for a draft already expired")
    }

    @Test func theDossierStateMachineGuardsEachMove() throws {
        #expect(try DossierTransition.save.apply(to: .draft) == .saved)
        #expect(try DossierTransition.save.apply(to: .saved) == .saved)
        #expect(try DossierTransition.submit.apply(to: .saved) == .submitted)
        #expect(try DossierTransition.abandon.apply(to: .draft) == nil)
        for transition in DossierTransition.allCases {
            #expect(throws: TransitionRefused.self, "\(transition) after submission") { try transition.apply(to: .submitted) }
        }
        #expect(throws: TransitionRefused.self) { try DossierTransition.expire.apply(to: .draft) }
    }

    @Test func onlyForwardMovesOfTheOrganisationAreAllowed() throws {
        #expect(try TransmissionTransition.acknowledge.apply(to: .transmitted) == .acknowledged)
        #expect(try TransmissionTransition.startProcessing.apply(to: .transmitted) == .processing)
        #expect(try TransmissionTransition.complete.apply(to: .processing) == .done)
        #expect(throws: TransitionRefused.self) { try TransmissionTransition.complete.apply(to: .transmitted) }
        #expect(throws: TransitionRefused.self) { try TransmissionTransition.acknowledge.apply(to: .done) }
        #expect(throws: TransitionRefused.self) { try TransmissionTransition.startProcessing.apply(to: .done) }
        #expect(TransmissionState.allCases.map(\.label) == ["Transmis", "Pris en compte", "En cours de traitement", "Traité"])
        #expect(TransmissionState(slug: "pris-en-compte") == .acknowledged && TransmissionState(slug: "fini") == nil)
        #expect(Actor("organisme:caf") == .organisation("caf") && Actor.operator.description == "exploitant")
    }

    @Test func referencesHaveTheirKindTheRandomPartAndACheckCharacter() throws {
        let account = DossierReference.generate(kind: .account).description
        let anonymous = DossierReference.generate(kind: .anonymous).description
        #expect(account.hasPrefix("A-1-") && anonymous.hasPrefix("A-2-"))
        #expect(account.count == 4 + DossierReference.randomLength + 1)
        #expect(try DossierReference.parse(account).get().description == account)
        #expect(try DossierReference.parse(" " + account.lowercased().replacingOccurrences(of: "-", with: " ") + " ").get().description == account)
        let many = Set((0..<2000).map { _ in DossierReference.generate(kind: .account).body })
        #expect(many.count == 2000, "random parts drawn from a CSPRNG do not repeat")
    }

    /// Property: any single wrong character of a valid reference is caught.
    @Test func everySingleCharacterMistakeIsDetected() throws {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        for _ in 0..<200 {
            let reference = DossierReference.generate(kind: Bool.random() ? .account : .anonymous).description
            var characters = Array(reference)
            let positions = [2] + Array(4..<characters.count)
            let position = positions.randomElement()!
            let original = characters[position]
            let replacement = position == 2 ? (original == "1" ? "2" : "1") : alphabet.filter { $0 != original }.randomElement()!
            characters[position] = replacement
            let typed = String(characters)
            #expect(DossierReference.parse(typed) == .failure(.mistyped), "\(reference) → \(typed)")
        }
    }

    @Test func unusableCharactersAndShapesGetTheirOwnMessage() throws {
        #expect(DossierReference.parse("A-1-7KQ2M9XO4") == .failure(.unusedCharacter("O")))
        #expect(DossierReference.parse("B-1-7KQ2M9XH4") == .failure(.malformed))
        #expect(DossierReference.parse("A-3-7KQ2M9XH4") == .failure(.malformed))
        #expect(DossierReference.parse("A-1-7KQ2") == .failure(.malformed))
        #expect(DossierReference.Problem.mistyped.message.contains("mal recopié"))
        #expect(try DossierReference.parse(DossierReference.example).get().description == DossierReference.example)
    }

    @Test func resumeCredentialsAreReadableAndTidied() {
        #expect(ResumeCredentials.newNumber().count == 10 && ResumeCredentials.newPassword().count == 12)
        #expect(ResumeCredentials.normalizedNumber(" abcd-efgh 23 ") == "ABCDEFGH23")
    }
}
