import Fluent
import Foundation
import GuichetCore
import GuichetStore
import GuichetTestSupport
@testable import GuichetOperations
import Testing
import Vapor

/// Reading dossiers: the list, one dossier, its attachments and receipt (SPEC §6).
@Suite struct PartnerAPIDossierTests {
    @Test func theListIsNewestFirstWithAKeysetCursor() async throws {
        try await withApp { app in
            let key = try await app.partnerKey("caf")
            var references: [String] = []
            for _ in 0..<5 {
                references.append(try await app.transmitted(to: ["caf"], procedure: "changement-situation-caf"))
                app.clock.advance(by: 60)
            }
            _ = try await app.transmitted(to: ["impots"])
            let first = try await app.api(.GET, "/api/v1/dossiers?limit=2", key: key)
            #expect(first.status == .ok)
            #expect(first.array("dossiers").count == 2)
            #expect(first.string("dossiers.0.reference") == references[4] && first.string("dossiers.1.reference") == references[3])
            #expect(first.string("dossiers.0.state") == "transmis")
            #expect(first.string("dossiers.0.procedure.id") == "changement-situation-caf")
            #expect(first.string("dossiers.0.href") == "/api/v1/dossiers/\(references[4])")
            let cursor = try #require(first.string("next_cursor"))

            // A dossier arriving meanwhile does not shift the pages already seen.
            _ = try await app.transmitted(to: ["caf"], procedure: "changement-situation-caf")
            let second = try await app.api(.GET, "/api/v1/dossiers?limit=2&cursor=\(cursor)", key: key)
            #expect(second.array("dossiers").compactMap { if case .object(let f, _) = $0, case .string(let r)? = f["reference"] { r } else { nil } }
                    == [references[2], references[1]])
            let third = try await app.api(.GET, "/api/v1/dossiers?limit=2&cursor=\(try #require(second.string("next_cursor")))", key: key)
            #expect(third.array("dossiers").count == 1 && third.string("dossiers.0.reference") == references[0])
            #expect(third.value("next_cursor") == .null)
        }
    }

    @Test func theListFiltersByStateAndProcedure() async throws {
        try await withApp { app in
            let key = try await app.partnerKey("mairie-69123")
            let acknowledged = try await app.transmitted(to: ["mairie-69123"])
            let other = try await app.transmitted(to: ["mairie-69123"], procedure: "inscription-listes-electorales")
            _ = try await app.api(.POST, "/api/v1/dossiers/\(acknowledged)/acknowledge", key: key)
            let pending = try await app.api(.GET, "/api/v1/dossiers?state=transmis", key: key)
            #expect(pending.array("dossiers").count == 1 && pending.string("dossiers.0.reference") == other)
            let byState = try await app.api(.GET, "/api/v1/dossiers?state=pris-en-compte", key: key)
            #expect(byState.array("dossiers").count == 1 && byState.string("dossiers.0.reference") == acknowledged)
            let byProcedure = try await app.api(.GET, "/api/v1/dossiers?procedure=inscription-listes-electorales", key: key)
            #expect(byProcedure.array("dossiers").count == 1 && byProcedure.string("dossiers.0.reference") == other)
            #expect(try await app.api(.GET, "/api/v1/dossiers?procedure=inconnue", key: key).array("dossiers").isEmpty)
        }
    }

    @Test(arguments: [("limit=0", "limit"), ("limit=101", "limit"), ("limit=abc", "limit"), ("state=archive", "state"),
                      ("limit=99999999999999999999", "limit"), ("limit=", "limit"), ("state=", "state")])
    func badQueryValuesAre422NamingTheParameter(query: String, field: String) async throws {
        try await withApp { app in
            let key = try await app.partnerKey("caf")
            let response = try await app.api(.GET, "/api/v1/dossiers?\(query)", key: key)
            #expect(response.status == .unprocessableEntity && response.code == "validation-failed")
            #expect(response.string("errors.0.field") == field)
        }
    }

    @Test(arguments: ["nimportequoi", "", "AAAAAAAAAAAAAAAAAAAAA=", "%00%ff", String(repeating: "x", count: 5000)])
    func aMalformedCursorIs400(cursor: String) async throws {
        try await withApp { app in
            let key = try await app.partnerKey("caf")
            let response = try await app.api(.GET, "/api/v1/dossiers?cursor=\(cursor)", key: key)
            #expect(response.status == .badRequest && response.code == "invalid-cursor")
        }
    }

    @Test func aCursorOfAnotherListPositionsNowhere() async throws {
        try await withApp { app in
            for _ in 0..<3 { _ = try await app.transmitted(to: ["impots"]) }
            _ = try await app.transmitted(to: ["caf"])
            let impots = try await app.partnerKey("impots")
            let cursor = try #require(try await app.api(.GET, "/api/v1/dossiers?limit=1", key: impots).string("next_cursor"))
            for foreign in [cursor, "AAAAAAAAAAAAAAAAAAAAAA"] {
                let response = try await app.api(.GET, "/api/v1/dossiers?cursor=\(foreign)", key: try await app.partnerKey("caf"))
                #expect(response.status == .ok && response.array("dossiers").isEmpty && response.value("next_cursor") == .null)
            }
        }
    }

    @Test func aDossierGivesItsProcedureApplicantAnswersAttachmentsAndHistory() async throws {
        try await withApp { app in
            let (reference, pdf) = try await app.cafRequestWithAttachment()
            let key = try await app.partnerKey("caf")
            let dossier = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: key)
            #expect(dossier.status == .ok)
            #expect(dossier.string("reference") == reference)
            #expect(dossier.string("procedure.id") == "changement-situation-caf")
            #expect(dossier.string("procedure.title")?.isEmpty == false)
            #expect(dossier.string("state") == "transmis")
            #expect(dossier.value("applicant.has_account") == .bool(true))
            #expect(dossier.string("applicant.email") == "jeanne@exemple.fr")
            let answers = dossier.array("answers")
            let number = try #require(answers.first { if case .object(let f, _) = $0 { f["field"] == .string("numeroAllocataire") } else { false } })
            guard case .object(let fields, _) = number else { throw CancellationError() }
            #expect(fields["value"] == .string("1234567") && fields["step"] == .number(1) && fields["type"] == .string("text"))
            #expect(fields["label"] != nil && fields["display"] == .array([.string("1234567")]))
            let change = try #require(answers.first { if case .object(let f, _) = $0 { f["field"] == .string("changement") } else { false } })
            guard case .object(let changeFields, _) = change, case .array(let display)? = changeFields["display"] else { throw CancellationError() }
            #expect(changeFields["value"] == .string("pacs") && display.first != .string("pacs"), "the choice's French label")

            #expect(dossier.array("attachments").count == 1)
            let href = try #require(dossier.string("attachments.0.href"))
            #expect(dossier.string("attachments.0.sha256") == TokenHash.sha256(pdf))
            #expect(dossier.number("attachments.0.bytes") == pdf.count)
            let download = try await app.api(.GET, href, key: key)
            #expect(download.status == .ok && download.body == pdf)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)

            let receipt = try await app.api(.GET, try #require(dossier.string("receipt_href")), key: key)
            #expect(receipt.status == .ok && receipt.body.starts(with: Data("%PDF-".utf8)))

            #expect(dossier.array("history").count == 1)
            #expect(dossier.string("history.0.state") == "transmis" && dossier.string("history.0.actor.kind") == "citizen")
        }
    }

    @Test func anAttachmentDigestMissingFromOlderRowsIsComputedOnce() async throws {
        try await withApp { app in
            let (reference, pdf) = try await app.cafRequestWithAttachment()
            let attachment = try #require(try await DossierAttachmentRecord.query(on: app.db).first())
            attachment.sha256 = nil
            try await attachment.save(on: app.db)
            let dossier = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: try await app.partnerKey("caf"))
            #expect(dossier.string("attachments.0.sha256") == TokenHash.sha256(pdf))
            #expect(try await DossierAttachmentRecord.query(on: app.db).first()?.sha256 == TokenHash.sha256(pdf))
        }
    }

    @Test func theSiteSubmissionReachesTheTownHallWithItsAnswers() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let dossier = try await app.api(.GET, "/api/v1/dossiers/\(reference.lowercased())", key: try await app.partnerKey("mairie-69123"))
            #expect(dossier.status == .ok, "the reference is read in any case")
            #expect(dossier.value("applicant.has_account") == .bool(false))
            #expect(dossier.string("applicant.email") == "elodie@exemple.fr")
            let lines = dossier.array("answers").compactMap { answer -> String? in
                guard case .object(let f, _) = answer, case .string(let id)? = f["field"] else { return nil }
                return id
            }
            #expect(lines.contains("communeNaissance") && lines.contains("adresseEnvoi"))
            #expect(dossier.array("attachments").isEmpty)
        }
    }

    @Test func anotherOrganisationsDossierDoesNotExistForIt() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["impots"])
            let caf = try await app.partnerKey("caf")
            let foreign = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: caf)
            let unknown = try await app.api(.GET, "/api/v1/dossiers/\(DossierReference.generate(kind: .anonymous))", key: caf)
            #expect(foreign.status == .notFound && unknown.status == .notFound)
            #expect(foreign.body == unknown.body, "exactly like an unknown reference")
            for suffix in ["/receipt", "/attachments/\(UUID().uuidString)"] {
                #expect(try await app.api(.GET, "/api/v1/dossiers/\(reference)\(suffix)", key: caf).status == .notFound)
            }
            for (suffix, body) in [("/acknowledge", nil), ("/status", #"{"state": "traite"}"#)] {
                let write = try await app.api(.POST, "/api/v1/dossiers/\(reference)\(suffix)", key: caf, json: body)
                #expect(write.status == .notFound)
            }
            #expect(try await app.api(.GET, "/api/v1/dossiers", key: caf).array("dossiers").isEmpty)
        }
    }

    /// Over random organisations and dossiers sent to random subsets of them, every key
    /// sees exactly the dossiers addressed to its organisation, through every route.
    @Test func eachOrganisationSeesOnlyItsDossiers() async throws {
        try await withApp { app in
            var generator = SplitMix64(seed: 20261201)
            let organisations = ["caf", "impots", "ameli", "mairie-69123", "mairie-75056", "mairie-13055"]
            var keys: [String: String] = [:]
            for organisation in organisations { keys[organisation] = try await app.partnerKey(organisation) }
            var addressed: [String: Set<String>] = [:]
            for _ in 0..<24 {
                let count = Int.random(in: 1...3, using: &generator)
                let recipients = Array(organisations.shuffled(using: &generator).prefix(count))
                let reference = try await app.transmitted(to: recipients)
                for organisation in recipients { addressed[organisation, default: []].insert(reference) }
                app.clock.advance(by: 1)
            }
            let all = addressed.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            for organisation in organisations {
                let key = try #require(keys[organisation])
                let mine = addressed[organisation] ?? []
                let listed = try await app.api(.GET, "/api/v1/dossiers?limit=100", key: key).array("dossiers").compactMap { item -> String? in
                    if case .object(let f, _) = item, case .string(let r)? = f["reference"] { return r }
                    return nil
                }
                #expect(Set(listed) == mine, "\(organisation) lists exactly its dossiers")
                for reference in all.shuffled(using: &generator).prefix(8) {
                    let status = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: key).status
                    #expect(status == (mine.contains(reference) ? .ok : .notFound), "\(organisation) \(reference)")
                }
            }
        }
    }
}
