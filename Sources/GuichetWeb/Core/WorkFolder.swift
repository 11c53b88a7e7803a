import Foundation
import Vapor

/// A private folder under `DATA_DIR/tmp` for one request's uploads, removed when the
/// request ends.
enum WorkFolder {
    static func make(_ req: Request) throws -> URL {
        let work = req.guichet.config.workDirectory.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return work
    }

    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}

enum WebStorage {
    /// The server's disk is full: nothing of the upload was kept.
    static let fullMessage = "Le serveur ne peut pas enregistrer votre fichier pour le moment. Réessayez dans quelques instants : rien n'a été enregistré."
}
