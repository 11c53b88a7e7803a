import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
import Testing
import Vapor

/// Acknowledging and reporting progress: the one tracking operation, its state machine,
/// idempotency, and every refusal of a body (SPEC §6).
@Suite struct PartnerAPIWriteTests {
    @Test func acknowledgingRecordsTheKeyAndTellsTheCitizen() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let key = try await app.partnerKey("mairie-69123", name: "Logiciel état civil")
            let before = try await app.emails(to: "elodie@exemple.fr").count
            let first = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key)
            #expect(first.status == .ok)
            #expect(first.string("state") == "pris-en-compte" && first.value("changed") == .bool(true))
            let again = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key)
            #expect(again.status == .ok && again.string("state") == "pris-en-compte" && again.value("changed") == .bool(false))
            #expect(try await app.emails(to: "elodie@exemple.fr").count == before + 1, "one email, not one per retry")

            let dossier = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: key)
            #expect(dossier.string("state") == "pris-en-compte")
            #expect(dossier.array("history").count == 2)
            #expect(dossier.string("history.1.actor.kind") == "api_key" && dossier.string("history.1.actor.name") == "Logiciel état civil")
            let record = try #require(try await Dossiers.find(reference: reference, on: app.db))
            #expect(try await Dossiers.events(try record.requireID(), on: app.db).last?.actor == "cle-api:Logiciel état civil")
        }
    }

    @Test func statusesMoveForwardWithAMessageToTheCitizenAndNeverBack() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let key = try await app.partnerKey("mairie-69123")
            let processing = try await app.api(.POST, "/api/v1/dossiers/\(reference)/status", key: key, json: #"{"state": "en-cours-de-traitement"}"#)
            #expect(processing.status == .ok && processing.string("state") == "en-cours-de-traitement")
            let done = try await app.api(.POST, "/api/v1/dossiers/\(reference)/status", key: key,
                                         json: #"{"state": "traite", "message": "Votre acte vous a été envoyé par courrier."}"#)
            #expect(done.status == .ok && done.string("state") == "traite")
            let mail = try #require(try await app.emails(to: "elodie@exemple.fr").last)
            #expect(mail.text.contains("Votre acte vous a été envoyé par courrier."))
            let back = try await app.api(.POST, "/api/v1/dossiers/\(reference)/status", key: key, json: #"{"state": "en-cours-de-traitement"}"#)
            #expect(back.status == .conflict && back.code == "transition-refused")
            let acknowledge = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key)
            #expect(acknowledge.status == .conflict, "acknowledging a processed dossier is a move backwards")
            // The citizen sees the organisation's message on the dossier's page.
            let lookup = app.browser()
            _ = try await lookup.get("/demarches/suivre")
            let found = try await lookup.post("/demarches/suivre", [("reference", reference), ("courriel", "elodie@exemple.fr")])
            #expect(found.contains("Votre acte vous a été envoyé par courrier."))
        }
    }

    @Test func completingADossierNeverAcknowledgedIsRefused() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let response = try await app.api(.POST, "/api/v1/dossiers/\(reference)/status", key: try await app.partnerKey("caf"),
                                             json: #"{"state": "traite"}"#)
            #expect(response.status == .conflict && response.code == "transition-refused")
        }
    }

    @Test(arguments: [
        (#"{"state": "archive"}"#, "state", "invalid"),
        (#"{"state": "pris-en-compte"}"#, "state", "invalid"),
        (#"{"state": "transmis"}"#, "state", "invalid"),
        (#"{"message": "Bonjour"}"#, "state", "required"),
        (#"{}"#, "state", "required"),
        (#"{"state": 3}"#, "state", "type"),
        (#"{"state": "traite", "message": 12}"#, "message", "type"),
        (#"{"state": "traite", "etat": "traite"}"#, "etat", "unknown-field"),
        (#"["traite"]"#, "", "type"),
    ])
    func invalidBodiesAre422NamingEachField(body: String, field: String, code: String) async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let response = try await app.api(.POST, "/api/v1/dossiers/\(reference)/status", key: try await app.partnerKey("caf"), json: body)
            #expect(response.status == .unprocessableEntity && response.code == "validation-failed", "\(body)")
            #expect(response.string("errors.0.field") == field && response.string("errors.0.code") == code, "\(body): \(response.text)")
        }
    }

    @Test func aMessageOver2000CharactersIsRefused() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let key = try await app.partnerKey("caf")
            let long = String(repeating: "é", count: 2001)
            let response = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key, json: #"{"message": "\#(long)"}"#)
            #expect(response.status == .unprocessableEntity && response.string("errors.0.field") == "message")
            #expect(response.string("errors.0.code") == "too-long")
            let fits = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key,
                                         json: #"{"message": "\#(String(repeating: "é", count: 2000))"}"#)
            #expect(fits.status == .ok)
        }
    }

    @Test func malformedOversizedAndMistypedBodiesHaveTheirOwnCodes() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let key = try await app.partnerKey("caf")
            let path = "/api/v1/dossiers/\(reference)/status"
            for body in [#"{"state": "#, "{'state': 'traite'}", "\u{0}", #"{"state": "traite"}}"#,
                         #"{"state": "en-cours-de-traitement", "state": "traite"}"#] {
                let malformed = try await app.api(.POST, path, key: key, json: body)
                #expect(malformed.status == .badRequest && malformed.code == "malformed-json", "\(body)")
            }
            let huge = try await app.api(.POST, path, key: key, json: #"{"message": "\#(String(repeating: "a", count: 70_000))"}"#)
            #expect(huge.status == .payloadTooLarge && huge.code == "payload-too-large")
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                let mistyped = try await app.api(.POST, path, key: key, json: #"{"state": "traite"}"#, contentType: type)
                #expect(mistyped.status == .unsupportedMediaType && mistyped.code == "unsupported-media-type", "\(type)")
            }
            let charset = try await app.api(.POST, path, key: key, json: #"{"state": "en-cours-de-traitement"}"#,
                                            contentType: "application/json; charset=utf-8")
            #expect(charset.status == .ok)
        }
    }

    @Test func theSameRequestInAnotherCaseIsTheSameForItsIdempotencyKey() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let key = try await app.partnerKey("caf")
            let headers: HTTPHeaders = ["Idempotency-Key": "ack-1"]
            let first = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key, headers: headers)
            let again = try await app.api(.POST, "/api/v1/dossiers/\(reference.lowercased())/acknowledge", key: key, headers: headers)
            #expect(first.status == .ok && again.status == .ok && again.body == first.body)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
        }
    }

    @Test func controlCharactersInAMessageAreRefused() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let response = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: try await app.partnerKey("caf"),
                                             json: #"{"message": "Bonjour\u001b[31m"}"#)
            #expect(response.status == .unprocessableEntity && response.string("errors.0.field") == "message")
        }
    }

    @Test func aReadOnlyKeyCannotWrite() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let key = try await app.partnerKey("caf", readOnly: true)
            #expect(try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: key).status == .ok)
            let write = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key)
            #expect(write.status == .forbidden && write.code == "read-only-key")
            let status = try await app.api(.POST, "/api/v1/dossiers/\(reference)/status", key: key, json: #"{"state": "traite"}"#)
            #expect(status.status == .forbidden)
            let dossier = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: key)
            #expect(dossier.string("state") == "transmis")
        }
    }

    @Test func anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() async throws {
        try await withApp { app in
            let reference = try await app.transmitted(to: ["caf"])
            let key = try await app.partnerKey("caf")
            let path = "/api/v1/dossiers/\(reference)/status"
            _ = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key)
            let headers: HTTPHeaders = ["Idempotency-Key": "traitement-1"]
            let first = try await app.api(.POST, path, key: key, json: #"{"state": "en-cours-de-traitement"}"#, headers: headers)
            #expect(first.status == .ok && first.value("changed") == .bool(true))
            let replay = try await app.api(.POST, path, key: key, json: #"{"state": "en-cours-de-traitement"}"#, headers: headers)
            #expect(replay.status == .ok && replay.body == first.body, "the first answer, byte for byte")
            #expect(replay.headers.first(name: "Idempotent-Replayed") == "true")
            let other = try await app.api(.POST, path, key: key, json: #"{"state": "traite"}"#, headers: headers)
            #expect(other.status == .unprocessableEntity && other.code == "idempotency-key-reused")
            // A refusal is replayed too; another key is independent.
            let refusedOnce = try await app.api(.POST, path, key: key, json: #"{"state": "nope"}"#, headers: ["Idempotency-Key": "bad"])
            let refusedAgain = try await app.api(.POST, path, key: key, json: #"{"state": "nope"}"#, headers: ["Idempotency-Key": "bad"])
            #expect(refusedOnce.status == .unprocessableEntity && refusedAgain.body == refusedOnce.body)
            let otherKey = try await app.partnerKey("caf")
            let fresh = try await app.api(.POST, path, key: otherKey, json: #"{"state": "traite"}"#, headers: headers)
            #expect(fresh.status == .ok && fresh.string("state") == "traite")
            let invalid = try await app.api(.POST, path, key: key, json: #"{"state": "traite"}"#,
                                            headers: ["Idempotency-Key": String(repeating: "k", count: 256)])
            #expect(invalid.status == .unprocessableEntity && invalid.string("errors.0.field") == "Idempotency-Key")
            // Kept 24 hours.
            app.clock.advance(by: 24 * 3600 + 1)
            let later = try await app.api(.POST, path, key: key, json: #"{"state": "traite"}"#, headers: headers)
            #expect(later.status == .ok && later.value("changed") == .bool(false))
        }
    }

    @Test func concurrentAcknowledgementsMoveTheDossierOnce() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let key = try await app.partnerKey("mairie-69123")
            let before = try await app.emails(to: "elodie@exemple.fr").count
            let changed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await app.api(.POST, "/api/v1/dossiers/\(reference)/acknowledge", key: key)
                        #expect(response.status == .ok)
                        return response.value("changed") == .bool(true)
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(changed == 1)
            #expect(try await app.emails(to: "elodie@exemple.fr").count == before + 1)
            let record = try #require(try await Dossiers.find(reference: reference, on: app.db))
            #expect(try await Dossiers.events(try record.requireID(), on: app.db).filter { $0.organisationKey != nil }.count == 1)
        }
    }
}
