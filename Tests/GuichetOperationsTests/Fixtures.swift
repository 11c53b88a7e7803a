import FluentKit
import Foundation
import GuichetCore
import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

extension TestPortal {
    static let password = "un café au lait sans sucre"

    /// An activated account made directly in the store.
    @discardableResult
    func createAccount(_ identifier: String = "jeanne.martin", email: String = "jeanne@exemple.fr") async throws -> Account {
        let valid = try SignUpForm(identifier: identifier, password: Self.password, email: email, civility: "madame",
                                   lastName: "Martin", firstNames: "Jeanne").validate().get()
        let user = try await Accounts.create(valid, passwordHash: try await TestPortal.passwords.hash(valid.password),
                                             now: clock.now(), on: db)
        try await Accounts.confirmEmail(try user.requireID(), now: clock.now(), on: db)
        return try #require(try await Accounts.find(try user.requireID(), on: db)?.account)
    }

    /// The account as stored now (lockout counters and all).
    func record(_ account: Account) async throws -> UserRecord {
        try #require(try await Accounts.find(account.id, on: db))
    }

    /// Every email queued so far, oldest first.
    func emails(to address: String? = nil) async throws -> [EmailMessage] {
        try await OutboxRecord.query(on: db).filter(\.$channel == .email).sort(\.$createdAt).all()
            .compactMap { record -> EmailMessage? in
                guard case .email(let email) = Outbox.open(id: try record.requireID(), channel: .email, payload: record.payload,
                                                           sealer: guichet.secrets) else { return nil }
                return email
            }
            .filter { address == nil || $0.to.address == address }
    }

    func securityEvents(of account: Account) async throws -> [SecurityEventKind] {
        try await SecurityEvents.recent(userID: account.id, on: db).compactMap { SecurityEventKind(rawValue: $0.kind) }
    }

    /// The birth-certificate request (no account needed, to the town hall of birth),
    /// filled and ready to transmit.
    func filledBirthRequest(account: Account? = nil) async throws -> Dossier {
        guard case .started(var dossier) = try await DossierFilling.start("demande-acte-naissance", account: account, in: context()) else {
            Issue.record("the birth request could not start")
            throw CancellationError()
        }
        let steps: [[(String, String)]] = [
            [("demandeur", "soi"), ("nom", "Dupont"), ("prenoms", "Élodie"), ("dateNaissance", "14/07/1990"),
             ("communeNaissance.codePostal", "69003"), ("communeNaissance.commune", "Lyon")],
            [("typeActe", "copie-integrale"), ("exemplaires", "2")],
            [("nomDemandeur", "Élodie Dupont"), ("adresseEnvoi.ligne1", "3 rue des Lilas"), ("adresseEnvoi.codePostal", "75011"),
             ("adresseEnvoi.commune", "Paris"), ("courriel", "elodie@exemple.fr")],
        ]
        let work = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        for (index, fields) in steps.enumerated() {
            let outcome = try await DossierFilling.submitStep(dossier, index: index, input: SubmittedFields(fields), files: [:], action: .next,
                                                              fromSummary: false, account: account, work: work, in: context())
            guard case .stored(let stored) = outcome else {
                Issue.record("step \(index + 1) was refused: \(outcome)")
                throw CancellationError()
            }
            dossier = stored
        }
        return dossier
    }
}
