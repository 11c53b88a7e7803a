import Fluent
import Foundation
import GuichetCore
import GuichetStore
import GuichetTestSupport
@testable import GuichetOperations
@testable import GuichetServer
import Testing
import Vapor

extension TestApp {
    /// The birth-certificate request of `Sample.birth`, sent without an account from the
    /// site: it goes to Lyon's town hall (`mairie-69123`).
    func birthRequestFromTheSite() async throws -> String {
        let visitor = browser()
        try await visitor.start("demande-acte-naissance")
        try await visitor.fill(Sample.birth)
        let sent = try await visitor.submit()
        #expect(sent.page.status == .seeOther)
        return try #require(try await DossierRecord.query(on: db).filter(\.$stateValue == DossierState.submitted.rawValue)
            .sort(\.$submittedAt, .descending).first()?.reference)
    }

    /// The CAF change-of-situation of Jeanne's account, with a PDF attached: the bytes
    /// uploaded and the reference.
    func cafRequestWithAttachment() async throws -> (reference: String, pdf: Data) {
        if try await Accounts.find(identifier: "jeanne.martin", on: db) == nil {
            try await createAccount("jeanne.martin", email: "jeanne@exemple.fr")
        }
        let citizen = browser()
        try await citizen.signIn()
        try await citizen.start("changement-situation-caf")
        try await citizen.fill(Array(Sample.caf.prefix(2)))
        let pdf = try Data(contentsOf: try await Corpus.shared.value.url("pdf-1.pdf"))
        let step = try await citizen.postMultipart("/demarche/etape/3", fields: [("_action", "continuer")], files: [("justificatif", "acte.pdf", pdf)])
        #expect(step.status == .seeOther, "\(step.summaryErrors)")
        let sent = try await citizen.submit()
        #expect(sent.page.status == .seeOther)
        let reference = try #require(try await DossierRecord.query(on: db).filter(\.$procedureID == "changement-situation-caf")
            .filter(\.$stateValue == DossierState.submitted.rawValue).first()?.reference)
        let attachment = try #require(try await DossierAttachmentRecord.query(on: db).first())
        let stored = try #require(try await app.guichet.blobs.get(attachment.blobKey, on: db))
        return (reference, stored)
    }

    /// A dossier transmitted straight in the store to these organisations.
    func transmitted(to organisations: [String], procedure: String = "demande-acte-naissance") async throws -> String {
        try await DirectDossiers.transmitted(procedure, to: organisations, guichet: app.guichet, db: db, now: clock.now())
    }
}
