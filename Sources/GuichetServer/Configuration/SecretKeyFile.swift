import Foundation
import GuichetAdapters
import GuichetCore
import GuichetOperations

/// The embedded mode's `SECRET_KEY`: `DATA_DIR/secret.key`, made on the first start
/// (32 random bytes in base64, readable by its owner only) and kept with the data it
/// protects. Several instances on PostgreSQL share `SECRET_KEY` instead.
enum SecretKeyFile {
    static func loadOrCreate(at url: URL) throws -> Data {
        // O_EXCL: of two processes starting at once, one creates the file, both read it.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor >= 0 {
            let fresh = SecretSealer.newKey()
            let text = Array((fresh.base64EncodedString() + "\n").utf8)
            let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            guard written == text.count else { throw ConfigurationError(variable: "SECRET_KEY", problem: "cannot write \(url.path)") }
            return fresh
        }
        guard errno == EEXIST else { throw ConfigurationError(variable: "SECRET_KEY", problem: "cannot create \(url.path)") }
        guard let key = SecretKey.decode(base64: try String(contentsOf: url, encoding: .utf8)) else {
            throw ConfigurationError(variable: "SECRET_KEY", problem: "\(url.path) does not hold 32 bytes in base64")
        }
        return key
    }
}
