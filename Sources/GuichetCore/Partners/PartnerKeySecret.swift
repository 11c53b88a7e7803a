import Foundation

/// The bearer keys of the partner API (SPEC §6): 256 random bits behind a prefix that
/// secret scanners and people recognise. Only their SHA-256 is stored.
public enum PartnerKeySecret {
    public static let prefix = "gk_live_"
    /// 32 bytes in unpadded base64url.
    static let bodyLength = 43

    public static func generate() -> String { prefix + SecureToken.generate(bytes: 32) }

    /// Whether a presented value can be a key at all (checked before any lookup, so
    /// random garbage costs no database query).
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let body = text.utf8.dropFirst(prefix.utf8.count)
        return body.count == bodyLength && body.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
        }
    }
}

/// The signing secret of an organisation's webhook, shown once to the operator.
public enum WebhookSecret {
    public static let prefix = "whsec_"

    public static func generate() -> String { prefix + SecureToken.generate(bytes: 32) }
}
