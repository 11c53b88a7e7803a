import FluentKit
import Foundation
import GuichetCore

/// A document of *Mon porte-documents*: one PDF and what the owner said about it.
public final class DocumentRecord: Model, @unchecked Sendable {
    public static let schema = "documents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "category") public var category: String
    @Field(key: "note") public var note: String
    @Field(key: "pages") public var pages: Int
    @Field(key: "size") public var size: Int
    /// Where the PDF is in the blob store.
    @Field(key: "blob_key") public var blobKey: String
    /// `ScanState`: only a clean document is served.
    @Field(key: "scan_state") public var scanStateValue: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var scanState: ScanState { ScanState(rawValue: scanStateValue) ?? .pending }
}

/// The bytes of a document when blobs are kept in the database (`BLOB_STORE=database`).
public final class BlobRecord: Model, @unchecked Sendable {
    public static let schema = "blobs"

    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "data") public var data: Data
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
