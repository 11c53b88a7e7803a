import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Logging

/// Scans again the documents the virus scanner could not judge when they arrived (it
/// was down): clean ones are released, infected ones deleted and their owner told.
/// Until then they are neither downloadable nor transmittable.
enum PendingScanJob {
    @discardableResult
    static func run(guichet: Guichet, now: Date, on db: any Database, batch: Int = 50) async throws -> (released: Int, deleted: Int) {
        var released = 0, deleted = 0
        let mailer = guichet.mailer(now: now)
        for item in try await PendingScans.list(limit: batch, on: db) {
            guard let data = try await guichet.blobs.get(item.blobKey, on: db) else { continue }
            let verdict: ScanVerdict
            do {
                verdict = try await guichet.scanner.scan(data)
            } catch {
                // Still down: the others would fail the same way; try again next time.
                return (released, deleted)
            }
            switch verdict {
            case .clean:
                try await PendingScans.markClean(item, on: db)
                released += 1
            case .infected(let signature):
                Logger(label: "guichet.scan").warning("infected document deleted after a late scan", metadata: [
                    "signature": .string(signature), "kind": .string(item.kind.rawValue),
                ])
                let owner = try await item.userID.asyncFlatMap { try await Accounts.find($0, on: db) }
                let title = item.title
                try await db.writeTransaction { db in
                    try await PendingScans.delete(item, blobs: guichet.blobs, on: db)
                    if let owner {
                        try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.documentRemoved(title: title),
                                                                          to: Mailbox(owner.email)), on: db, now: now)
                    }
                }
                deleted += 1
            }
        }
        return (released, deleted)
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
