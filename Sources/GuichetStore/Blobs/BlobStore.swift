import FluentKit
import Foundation

/// Where document bytes live. The metadata row and the blob are written so that a crash
/// never leaves a row without its blob: the file store writes the blob first (a blob
/// without a row is collected later by `orphans`), the database store writes both in the
/// caller's transaction.
public protocol BlobStore: Sendable {
    /// Stores `data` under `key`, as part of the work done with `db`.
    func put(_ key: String, data: Data, on db: any Database) async throws
    func get(_ key: String, on db: any Database) async throws -> Data?
    func delete(_ key: String, on db: any Database) async throws
    /// Keys stored before `cutoff` (for the collection of blobs whose row never came).
    func keys(storedBefore cutoff: Date, on db: any Database) async throws -> [String]
    /// Removes writes interrupted before `cutoff` (a process killed mid-write); returns how many.
    func removeIncompleteWrites(before cutoff: Date) -> Int
}

extension BlobStore {
    public func removeIncompleteWrites(before cutoff: Date) -> Int { 0 }
}

/// Keys of new blobs: random, so a key says nothing about its owner.
public enum BlobKey {
    public static func new() -> String { UUID().uuidString.lowercased() }
}

extension BlobStore {
    /// Stores `data` together with the rows that name it, in one transaction; the blob is
    /// removed again if the rows cannot be written (a file store cannot roll back).
    public func store(_ data: Data, key: String, on db: any Database,
                      with rows: @escaping @Sendable (any Database) async throws -> Void) async throws {
        do {
            try await db.writeTransaction { db in
                try await put(key, data: data, on: db)
                try await rows(db)
            }
        } catch {
            try? await delete(key, on: db)
            throw error
        }
    }
}

/// Blobs as files under `DATA_DIR/blobs`, in two levels of folders.
public struct FileBlobStore: BlobStore {
    let root: URL

    public init(root: URL) {
        self.root = root
    }

    func path(_ key: String) -> URL {
        let safe = key.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return root.appendingPathComponent(String(safe.prefix(2)), isDirectory: true).appendingPathComponent(safe)
    }

    public func put(_ key: String, data: Data, on db: any Database) async throws {
        let target = path(key)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.appendingPathExtension("partiel")
        try data.write(to: temporary)
        // rename(2) is atomic: a reader sees the whole blob or none.
        guard rename(temporary.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    public func get(_ key: String, on db: any Database) async throws -> Data? {
        try? Data(contentsOf: path(key))
    }

    public func delete(_ key: String, on db: any Database) async throws {
        try? FileManager.default.removeItem(at: path(key))
    }

    /// A blob is written as `<key>.partiel`, then renamed: such a file is a write cut short.
    public func removeIncompleteWrites(before cutoff: Date) -> Int {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey]) else { return 0 }
        var removed = 0
        for case let url as URL in enumerator where url.pathExtension == "partiel" {
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
            if modified < cutoff, (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }

    public func keys(storedBefore cutoff: Date, on db: any Database) async throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey]) else {
            return []
        }
        var keys: [String] = []
        for case let url as URL in enumerator where url.pathExtension.isEmpty {
            let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
            if values?.isRegularFile == true, let modified = values?.contentModificationDate, modified < cutoff {
                keys.append(url.lastPathComponent)
            }
        }
        return keys
    }
}

/// Blobs in the database, so that several instances share them without shared disks.
public struct DatabaseBlobStore: BlobStore {
    let clock: @Sendable () -> Date

    public init(clock: @escaping @Sendable () -> Date) {
        self.clock = clock
    }

    public func put(_ key: String, data: Data, on db: any Database) async throws {
        let record = BlobRecord()
        record.id = key
        record.data = data
        record.createdAt = clock()
        try await record.create(on: db)
    }

    public func get(_ key: String, on db: any Database) async throws -> Data? {
        try await BlobRecord.find(key, on: db)?.data
    }

    public func delete(_ key: String, on db: any Database) async throws {
        try await BlobRecord.query(on: db).filter(\.$id == key).delete()
    }

    public func keys(storedBefore cutoff: Date, on db: any Database) async throws -> [String] {
        try await BlobRecord.query(on: db).filter(\.$createdAt < cutoff).all(\.$id)
    }
}
