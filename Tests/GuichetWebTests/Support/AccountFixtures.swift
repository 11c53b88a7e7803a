import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

extension TestApp {
    static let password = "un café au lait sans sucre"

    /// An account made directly in the store (fast), activated unless told otherwise.
    @discardableResult
    func createAccount(_ identifier: String = "jeanne.martin", email: String = "jeanne@exemple.fr",
                       password: String = TestApp.password, confirmed: Bool = true) async throws -> UserRecord {
        let valid = try SignUpForm(identifier: identifier, password: password, email: email, civility: "madame",
                                   lastName: "Martin", firstNames: "Jeanne").validate().get()
        let user = try await Accounts.create(valid, passwordHash: try await TestApp.passwords.hash(valid.password),
                                             now: clock.now(), on: db)
        if confirmed { try await Accounts.confirmEmail(try user.requireID(), now: clock.now(), on: db) }
        return try #require(try await Accounts.find(try user.requireID(), on: db))
    }

    func reload(_ user: UserRecord) async throws -> UserRecord {
        try #require(try await Accounts.find(try user.requireID(), on: db))
    }

    /// Every email queued so far, oldest first (read from the outbox, delivered or not).
    func emails() async throws -> [EmailMessage] {
        try await OutboxRecord.query(on: db).filter(\.$channel == .email).sort(\.$createdAt).all()
            .compactMap { record -> EmailMessage? in
                guard case .email(let email) = Outbox.open(id: try record.requireID(), channel: .email, payload: record.payload,
                                                           sealer: app.guichet.secrets) else { return nil }
                return email
            }
    }

    func emails(to address: String) async throws -> [EmailMessage] {
        try await emails().filter { $0.to.address == address }
    }

    func smsMessages() async throws -> [SMSMessage] {
        try await OutboxRecord.query(on: db).filter(\.$channel == .sms).sort(\.$createdAt).all()
            .compactMap { record -> SMSMessage? in
                guard case .sms(let sms) = Outbox.open(id: try record.requireID(), channel: .sms, payload: record.payload,
                                                       sealer: app.guichet.secrets) else { return nil }
                return sms
            }
    }

    /// The six-digit code of the last SMS.
    func lastSMSCode() async throws -> String {
        let text = try #require(try await smsMessages().last?.text)
        return try #require(text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
            .first { $0.count == 6 && $0.allSatisfy(\.isNumber) })
    }

    /// The portal link of an email, as a path with its query (for `TestBrowser`).
    static func link(in email: EmailMessage) throws -> String {
        let url = try #require(email.text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http") })
        let components = try #require(URLComponents(string: String(url)))
        return components.path + (components.query.map { "?" + $0 } ?? "")
    }

    func events(of user: UserRecord) async throws -> [SecurityEventKind] {
        try await SecurityEvents.recent(userID: try user.requireID(), on: db).compactMap { SecurityEventKind(rawValue: $0.kind) }
    }
}

extension TestBrowser {
    /// Opens the sign-in page and sends the identifiers.
    @discardableResult
    func signIn(_ identifier: String = "jeanne.martin", _ password: String = TestApp.password, returnTo: String? = nil) async throws -> Page {
        _ = try await get("/connexion")
        var fields = [("identifier", identifier), ("password", password)]
        if let returnTo { fields.append(("retour", returnTo)) }
        return try await post("/connexion", fields)
    }
}
