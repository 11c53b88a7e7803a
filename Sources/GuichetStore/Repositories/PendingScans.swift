import FluentKit
import Foundation
import GuichetCore

/// Documents and attachments the virus scanner has not released yet (it was down when
/// they arrived): scanned again by a job until it answers.
public enum PendingScans {
    public enum Kind: String, Sendable { case document, attachment }

    public struct Item: Sendable, Equatable {
        public let kind: Kind
        public let id: UUID
        public let blobKey: String
        /// The account to tell, when there is one.
        public let userID: UUID?
        public let title: String
    }

    public static func list(limit: Int, on db: any Database) async throws -> [Item] {
        let documents = try await DocumentRecord.query(on: db).filter(\.$scanStateValue == ScanState.pending.rawValue)
            .sort(\.$createdAt).limit(limit).all()
            .compactMap { record in record.id.map { Item(kind: .document, id: $0, blobKey: record.blobKey, userID: record.userID, title: record.title) } }
        let attachments = try await DossierAttachmentRecord.query(on: db).filter(\.$scanStateValue == ScanState.pending.rawValue)
            .sort(\.$createdAt).limit(limit).all()
        var items = documents
        for record in attachments {
            guard let id = record.id else { continue }
            let owner = try await DossierRecord.find(record.dossierID, on: db)?.userID
            items.append(Item(kind: .attachment, id: id, blobKey: record.blobKey, userID: owner, title: record.title))
        }
        return items
    }

    public static func count(on db: any Database) async throws -> Int {
        try await DocumentRecord.query(on: db).filter(\.$scanStateValue == ScanState.pending.rawValue).count()
            + DossierAttachmentRecord.query(on: db).filter(\.$scanStateValue == ScanState.pending.rawValue).count()
    }

    public static func markClean(_ item: Item, on db: any Database) async throws {
        switch item.kind {
        case .document:
            try await DocumentRecord.query(on: db).filter(\.$id == item.id).set(\.$scanStateValue, to: ScanState.clean.rawValue).update()
        case .attachment:
            try await DossierAttachmentRecord.query(on: db).filter(\.$id == item.id)
                .set(\.$scanStateValue, to: ScanState.clean.rawValue).update()
        }
    }

    /// Deletes an infected item, its row then its blob.
    public static func delete(_ item: Item, blobs: any BlobStore, on db: any Database) async throws {
        switch item.kind {
        case .document: try await DocumentRecord.query(on: db).filter(\.$id == item.id).delete()
        case .attachment: try await DossierAttachmentRecord.query(on: db).filter(\.$id == item.id).delete()
        }
        try? await blobs.delete(item.blobKey, on: db)
    }
}
