import Foundation
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing

/// The embedded mode's `secret.key`.
@Suite struct SecretKeyFileTests {
    @Test func theEmbeddedKeyFileIsMadeOnceReadableByItsOwnerOnly() throws {
        let folder = try Tools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("secret.key")
        let first = try SecretKeyFile.loadOrCreate(at: file)
        #expect(first.count == 32)
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try SecretKeyFile.loadOrCreate(at: file) == first, "kept across restarts")
        try Data("abîmé".utf8).write(to: file)
        #expect(throws: ConfigurationError.self) { try SecretKeyFile.loadOrCreate(at: file) }
    }
}
