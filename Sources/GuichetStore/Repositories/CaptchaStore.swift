import FluentKit
import Foundation
import GuichetCore

/// Server-side storage of *code de sécurité* challenges.
public enum CaptchaStore {
    public static func create(code: String, now: Date, on db: any Database) async throws -> String {
        let id = SecureToken.generate(bytes: 18)
        try await CaptchaRecord(id: id, code: code, createdAt: now,
                                expiresAt: now.addingTimeInterval(CaptchaCode.lifetime)).create(on: db)
        return id
    }

    /// The code of a live challenge, to draw or speak it. Does not use it up.
    public static func code(id: String, now: Date, on db: any Database) async throws -> String? {
        guard let record = try await CaptchaRecord.find(id, on: db), record.expiresAt > now else { return nil }
        return record.code
    }

    /// Removes the challenge and returns what it held, in one statement, so that a
    /// code can be checked at most once even by two concurrent requests.
    public static func consume(id: String, on db: any Database) async throws -> (code: String, expiresAt: Date)? {
        guard !id.isEmpty, id.count <= 64 else { return nil }
        let row = try await db.sql.raw("DELETE FROM captchas WHERE id = \(bind: id) RETURNING code, expires_at").first()
        guard let row else { return nil }
        return (try row.decode(column: "code", as: String.self), try row.decode(column: "expires_at", as: Date.self))
    }

    public static func purgeExpired(now: Date, on db: any Database) async throws {
        try await CaptchaRecord.query(on: db).filter(\.$expiresAt <= now).delete()
    }
}
