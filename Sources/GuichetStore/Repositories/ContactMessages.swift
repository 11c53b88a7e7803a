import FluentKit
import Foundation
import GuichetCore

public enum ContactMessages {
    @discardableResult
    public static func save(_ message: ContactForm.Valid, now: Date, on db: any Database) async throws -> UUID {
        let record = ContactMessageRecord()
        let id = UUID()
        record.id = id
        record.subject = message.subject.rawValue
        record.message = message.message
        record.email = message.email.value
        record.place = message.place
        record.createdAt = now
        try await record.create(on: db)
        return id
    }

    public static func count(on db: any Database) async throws -> Int {
        try await ContactMessageRecord.query(on: db).count()
    }

    public static func all(on db: any Database) async throws -> [ContactMessageRecord] {
        try await ContactMessageRecord.query(on: db).sort(\.$createdAt).all()
    }
}
