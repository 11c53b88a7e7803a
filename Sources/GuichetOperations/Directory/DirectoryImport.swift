import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// `guichet directory import <file.json>` and the shipped directory (SPEC §8).
public enum DirectoryImport {
    /// Bodies written per batch: the memory the import holds besides the reader's.
    static let batch = 500

    /// Imports a DILA export: the whole file is read once to find a syntax error (named
    /// by line and record) before anything is written, then again into one transaction,
    /// so a malformed file changes nothing and a good one changes everything at once.
    /// Bodies are keyed by their DILA id: a re-import updates them.
    public static func run(_ url: URL, in context: OperationContext) async throws -> DirectoryImportReport {
        let reader = DILAExportReader(url: url)
        let report = try reader.validate()
        let now = context.now
        try await context.db.writeTransaction { db in
            let cursor = try reader.records()
            var bodies: [PublicBody] = []
            while let result = try cursor.next() {
                guard case .success(let body) = result else { continue }
                bodies.append(body)
                if bodies.count == batch {
                    try await PublicBodies.upsert(bodies, shipped: false, now: now, on: db)
                    bodies.removeAll(keepingCapacity: true)
                }
            }
            try await PublicBodies.upsert(bodies, shipped: false, now: now, on: db)
        }
        return report
    }

    /// How many bodies the directory holds.
    public static func count(in context: OperationContext) async throws -> Int {
        try await PublicBodies.count(on: context.db)
    }

    static let shippedSource = "shipped"

    /// Loads the shipped directory (the town halls and the sample) when the database does
    /// not hold this version of it: once on a new database, and after an upgrade that
    /// changed the files. Imported bodies are left as they are. True when it loaded.
    ///
    /// In transactions of `batch` bodies, so that the requests served meanwhile are not
    /// held behind one long write; the version is recorded last, so an interrupted load
    /// is done again (its writes are idempotent) at the next start.
    @discardableResult
    public static func loadShipped(in context: OperationContext) async throws -> Bool {
        let fingerprint = ReferenceData.defaultDirectoryFingerprint
        if try await PublicBodies.sourceFingerprint(shippedSource, on: context.db) == fingerprint { return false }
        let bodies = ReferenceData.loadDefaultDirectory()
        let now = context.now
        var start = 0
        while start < bodies.count {
            let slice = Array(bodies[start..<min(start + batch, bodies.count)])
            start += batch
            try await context.db.writeTransaction { db in try await PublicBodies.upsert(slice, shipped: true, now: now, on: db) }
        }
        let ids = Set(bodies.map(\.id))
        try await context.db.writeTransaction { db in
            try await PublicBodies.removeShipped(keeping: ids, on: db)
            try await PublicBodies.recordSource(shippedSource, fingerprint: fingerprint, now: now, on: db)
        }
        return true
    }
}
