import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// The documents attached to dossiers, each in its own blob.
public enum DossierAttachments {
    public struct New: Sendable {
        public let fieldID: String
        public let title: String
        public let pages: Int
        public let size: Int
        /// Hex SHA-256 of the PDF.
        public let sha256: String?

        public init(fieldID: String, title: String, pages: Int, size: Int, sha256: String? = nil) {
            self.fieldID = fieldID
            self.title = title
            self.pages = pages
            self.size = size
            self.sha256 = sha256
        }
    }

    /// Attaches a document to a field, replacing the field's previous one. For an
    /// account's dossier, `quota` is checked in the same transaction (the replaced
    /// attachment's space is given back).
    public static func attach(_ new: New, data: Data, dossierID: UUID, owner: UUID? = nil, quota: Int? = nil, scan: ScanState = .clean,
                              blobs: any BlobStore, now: Date, on db: any Database) async throws -> DossierAttachmentRecord {
        let previous = try await DossierAttachmentRecord.query(on: db).filter(\.$dossierID == dossierID)
            .filter(\.$fieldID == new.fieldID).all()
        let record = DossierAttachmentRecord()
        record.id = UUID()
        record.dossierID = dossierID
        record.fieldID = new.fieldID
        record.title = new.title
        record.pages = new.pages
        record.size = new.size
        record.blobKey = BlobKey.new()
        record.scanStateValue = scan.rawValue
        record.sha256 = new.sha256
        record.createdAt = now
        try await blobs.store(data, key: record.blobKey, on: db) { db in
            if let owner, let quota {
                try await StorageUsage.reserve(new.size, userID: owner, quota: quota, replacing: previous.reduce(0) { $0 + $1.size }, on: db)
            }
            try await record.create(on: db)
            for old in previous { try await old.delete(on: db) }
        }
        for old in previous { try? await blobs.delete(old.blobKey, on: db) }
        return record
    }

    public static func list(dossierID: UUID, on db: any Database) async throws -> [DossierAttachmentRecord] {
        try await DossierAttachmentRecord.query(on: db).filter(\.$dossierID == dossierID).sort(\.$createdAt).all()
    }

    /// The attachment, only if it belongs to the dossier.
    public static func find(_ id: UUID, dossierID: UUID, on db: any Database) async throws -> DossierAttachmentRecord? {
        try await DossierAttachmentRecord.query(on: db).filter(\.$id == id).filter(\.$dossierID == dossierID).first()
    }

    /// Records the digest of an attachment stored before digests were.
    public static func recordDigest(_ sha256: String, of id: UUID, on db: any Database) async throws {
        try await db.sql.raw("UPDATE dossier_attachments SET sha256 = \(bind: sha256) WHERE id = \(bind: id)").run()
    }

    /// Removes attachments no answer names any more (a field whose file was replaced or
    /// whose answer was cleared).
    public static func removeUnused(dossierID: UUID, keeping ids: Set<UUID>, blobs: any BlobStore, on db: any Database) async throws {
        for attachment in try await list(dossierID: dossierID, on: db) where !ids.contains(try attachment.requireID()) {
            try await attachment.delete(on: db)
            try? await blobs.delete(attachment.blobKey, on: db)
        }
    }
}
