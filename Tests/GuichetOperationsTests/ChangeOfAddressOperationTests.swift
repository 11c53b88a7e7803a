import FluentKit
import Foundation
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

/// The change-of-address declaration without HTTP (SPEC §5, §6): one reference, one
/// transmission per chosen organisation, each receiving only its own number; the profile
/// saved with the transmission only when asked.
@Suite struct ChangeOfAddressOperationTests {
    func filled(_ portal: TestPortal, account: Account, updateProfile: Bool) async throws -> Dossier {
        guard case .started(var dossier) = try await DossierFilling.start("declaration-changement-coordonnees", account: account,
                                                                          in: portal.context()) else {
            Issue.record("not started")
            throw CancellationError()
        }
        let today = CalendarDate(portal.clock.now())
        let steps: [[(String, String)]] = [
            [("nom", "Martin"), ("prenoms", "Jeanne"), ("dateEmmenagement", today.adding(months: 1).french),
             ("ancienneAdresse.voie", "12 RUE DE LA PAIX"), ("ancienneAdresse.codePostal", "75002"), ("ancienneAdresse.commune", "PARIS")],
            [("nouvelleAdresse.voie", "3 chemin des Tamarins"), ("nouvelleAdresse.codePostal", "97438"), ("nouvelleAdresse.commune", "sainte marie"),
             ("nouvelleAdresse.valider", "3 CHEMIN DES TAMARINS\n97438 STE MARIE")] + (updateProfile ? [("majProfil", "oui")] : []),
            [("organismes.caf.choisi", "oui"), ("organismes.caf", "1234567"),
             ("organismes.cnav.choisi", "oui"), ("organismes.cnav", "2 85 02 69 123 456 40")],
        ]
        let work = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        for (index, fields) in steps.enumerated() {
            let outcome = try await DossierFilling.submitStep(dossier, index: index, input: SubmittedFields(fields), files: [:], action: .next,
                                                              fromSummary: false, account: account, work: work, in: portal.context())
            guard case .stored(let stored) = outcome else {
                Issue.record("step \(index + 1) was refused: \(outcome)")
                throw CancellationError()
            }
            dossier = stored
        }
        return dossier
    }

    @Test func theDeclarationGoesToEachChosenOrganisationWithItsOwnNumberOnly() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let dossier = try await filled(portal, account: account, updateProfile: true)
            guard case .transmitted(let reference) = try await DossierSubmission.submit(dossier, account: account, in: portal.context()) else {
                Issue.record("not transmitted")
                return
            }
            let transmissions = try await Transmissions.list(dossierID: dossier.id, on: portal.db)
            #expect(Set(transmissions.map(\.organisationKey)) == ["caf", "cnav"] && transmissions.allSatisfy { $0.reference == reference })
            let caf = try await PartnerDossiers.detail(reference: reference, organisationKey: "caf", in: portal.context())
            let cafLines = caf.answers.flatMap(\.display)
            #expect(cafLines.contains("Caisse d'allocations familiales (CAF) – Numéro d'allocataire : 1234567"))
            #expect(!cafLines.contains { $0.contains("285026912345640") } && !caf.answers.contains { $0.fieldID == "majProfil" })
            #expect(cafLines.contains("3 CHEMIN DES TAMARINS") && cafLines.contains("97438 STE MARIE"))
            let cnav = try await PartnerDossiers.detail(reference: reference, organisationKey: "cnav", in: portal.context())
            #expect(cnav.answers.first { $0.fieldID == "organismes" }?.value
                    == .fileNumbers([FileNumberAnswer(organisation: "cnav", number: "285026912345640")]))
            // An organisation it was not sent to sees nothing at all.
            await #expect(throws: OperationError.notFound) {
                _ = try await PartnerDossiers.detail(reference: reference, organisationKey: "impots", in: portal.context())
            }

            let profile = try #require(try await Accounts.find(account.id, on: portal.db)?.account?.profile)
            #expect(profile.addressLine1 == "3 CHEMIN DES TAMARINS" && profile.postalCode == "97438" && profile.city == "Sainte-Marie", "the official name, where L6 writes STE MARIE")
            #expect(try await portal.securityEvents(of: account).contains(.profileUpdated))
            let stored = try #require(try await Dossiers.find(dossier.id, on: portal.db)?.dossier)
            #expect(DossierSubmission.updatedProfile(stored, procedure: try portal.guichet.procedure(of: stored)))
        }
    }

    @Test func withoutTheBoxTheProfileIsLeftAlone() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let dossier = try await filled(portal, account: account, updateProfile: false)
            guard case .transmitted = try await DossierSubmission.submit(dossier, account: account, in: portal.context()) else {
                Issue.record("not transmitted")
                return
            }
            let profile = try #require(try await Accounts.find(account.id, on: portal.db)?.account?.profile)
            #expect(profile.addressLine1 == account.profile.addressLine1 && profile.postalCode == account.profile.postalCode)
            #expect(!(try await portal.securityEvents(of: account).contains(.profileUpdated)))
        }
    }

    @Test func aDraftWhoseAddressWasNeverSettledIsNotTransmitted() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            var dossier = try await filled(portal, account: account, updateProfile: false)
            // A draft saved with a new, unchecked address (the *Enregistrer* path is lenient).
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            guard case .stored(let saved) = try await DossierFilling.submitStep(
                dossier, index: 1, input: SubmittedFields([("nouvelleAdresse.voie", "8 bis avenue Foch"), ("nouvelleAdresse.codePostal", "69006"),
                                                           ("nouvelleAdresse.commune", "Lyon")]),
                files: [:], action: .previous, fromSummary: false, account: account, work: work, in: portal.context()) else {
                Issue.record("the lenient step was refused")
                return
            }
            dossier = saved
            #expect(try await DossierSubmission.submit(dossier, account: account, in: portal.context())
                    == .refused("Votre demande est incomplète : complétez les étapes signalées avant de la transmettre."))
            let summary = try await DossierSubmission.summary(dossier, in: portal.context())
            #expect(summary.incompleteSteps == [1])
        }
    }
}
