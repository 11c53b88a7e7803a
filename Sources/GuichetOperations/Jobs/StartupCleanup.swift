import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// What a process stopped abruptly (`kill -9`, a power cut) may leave behind, removed
/// when the server starts: the private folders of uploads in progress, blob writes cut
/// short, and blobs whose row was never written. With SQLite the instance owns
/// `DATA_DIR` alone, so everything of the kind goes; with several instances only what is
/// an hour old (another instance may be receiving an upload right now).
public enum StartupCleanup {
    public struct Report: Sendable, Equatable {
        public var workFolders = 0
        public var incompleteWrites = 0
        public var orphanBlobs = 0

        public init() {}
    }

    @discardableResult
    public static func run(guichet: Guichet, db: any Database, now: Date) async throws -> Report {
        let exclusive = !guichet.config.database.isPostgres
        let cutoff = exclusive ? now : now.addingTimeInterval(-3600)
        var report = Report()
        let work = guichet.config.workDirectory
        for folder in (try? FileManager.default.contentsOfDirectory(at: work, includingPropertiesForKeys: [.contentModificationDateKey])) ?? [] {
            let modified = (try? folder.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
            if modified <= cutoff, (try? FileManager.default.removeItem(at: folder)) != nil { report.workFolders += 1 }
        }
        report.incompleteWrites = guichet.blobs.removeIncompleteWrites(before: cutoff.addingTimeInterval(1))
        report.orphanBlobs = try await Wallet.collectOrphans(blobs: guichet.blobs, storedBefore: cutoff.addingTimeInterval(1), on: db)
        return report
    }
}
