import FluentKit
import Foundation
import GuichetCore

/// *Mon porte-documents*: documents belong to one account and are only ever looked up
/// together with it.
public enum Wallet {
    public struct NewDocument: Sendable {
        public let title: String
        public let category: String
        public let note: String
        public let pages: Int
        public let size: Int

        public init(title: String, category: String, note: String, pages: Int, size: Int) {
            self.title = title
            self.category = category
            self.note = note
            self.pages = pages
            self.size = size
        }
    }

    /// Stores the blob and the row. With the file store, the blob is written first and
    /// removed again if the row cannot be written. With a `quota`, the account's space
    /// is checked in the same transaction (`StorageUsage.QuotaExceeded`).
    public static func add(_ document: NewDocument, data: Data, userID: UUID, quota: Int? = nil, scan: ScanState = .clean,
                           blobs: any BlobStore, now: Date, on db: any Database) async throws -> DocumentRecord {
        let key = BlobKey.new()
        let record = DocumentRecord()
        record.id = UUID()
        record.userID = userID
        record.title = document.title
        record.category = document.category
        record.note = document.note
        record.pages = document.pages
        record.size = document.size
        record.blobKey = key
        record.scanStateValue = scan.rawValue
        record.createdAt = now
        record.updatedAt = now
        try await blobs.store(data, key: key, on: db) { db in
            if let quota { try await StorageUsage.reserve(document.size, userID: userID, quota: quota, on: db) }
            try await record.create(on: db)
        }
        return record
    }

    public static func list(userID: UUID, on db: any Database) async throws -> [DocumentRecord] {
        try await DocumentRecord.query(on: db).filter(\.$userID == userID).sort(\.$createdAt, .descending).all()
    }

    /// The document, only if it belongs to the account.
    public static func find(_ id: UUID, userID: UUID, on db: any Database) async throws -> DocumentRecord? {
        try await DocumentRecord.query(on: db).filter(\.$id == id).filter(\.$userID == userID).first()
    }

    /// Space used by an account: its documents and its dossiers' attachments.
    public static func usedBytes(userID: UUID, on db: any Database) async throws -> Int {
        try await StorageUsage.bytes(userID: userID, on: db)
    }

    public static func rename(_ document: DocumentRecord, to title: String, now: Date, on db: any Database) async throws {
        document.title = title
        document.updatedAt = now
        try await document.save(on: db)
    }

    /// Removes the row, then the blob (a blob without a row is harmless and collected).
    public static func delete(_ document: DocumentRecord, blobs: any BlobStore, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await document.delete(on: db)
            try await blobs.delete(document.blobKey, on: db)
        }
    }

    /// Every document of an account (its deletion).
    public static func deleteAll(userID: UUID, blobs: any BlobStore, on db: any Database) async throws {
        for document in try await list(userID: userID, on: db) {
            try await delete(document, blobs: blobs, on: db)
        }
    }

    /// Blobs older than `cutoff` that no wallet document nor dossier attachment names:
    /// left by a crash between the blob and its row.
    @discardableResult
    public static func collectOrphans(blobs: any BlobStore, storedBefore cutoff: Date, on db: any Database) async throws -> Int {
        let candidates = try await blobs.keys(storedBefore: cutoff, on: db)
        guard !candidates.isEmpty else { return 0 }
        let used = Set(try await DocumentRecord.query(on: db).filter(\.$blobKey ~~ candidates).all(\.$blobKey))
            .union(try await DossierAttachmentRecord.query(on: db).filter(\.$blobKey ~~ candidates).all(\.$blobKey))
        let orphans = candidates.filter { !used.contains($0) }
        for key in orphans { try await blobs.delete(key, on: db) }
        return orphans.count
    }
}
