import Foundation

/// Where an organisation's webhook may point (SPEC §6). In production only `https`, and
/// never an address inside the portal's own network: a webhook must not become a way to
/// reach internal services (server-side request forgery).
public enum WebhookTarget {
    public static let maximumLength = 2000

    /// The URL, or the reason it is refused (English: operators read it).
    public static func check(_ text: String, production: Bool) -> Result<URL, Refusal> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= maximumLength, let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty,
              let url = components.url else { return .failure(.malformed) }
        guard components.user == nil, components.password == nil else { return .failure(.credentials) }
        guard scheme == "https" || (!production && scheme == "http") else { return .failure(.scheme(production: production)) }
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let literal = IPAddress(name)
        // `127.1`, `2130706433`, `0x7f000001`: numeric forms a resolver reads as an
        // address, written to slip past the check.
        if literal == nil, Self.looksNumeric(name) { return .failure(.malformed) }
        if production, let literal, !literal.isPublic { return .failure(.internalAddress) }
        let bare = name.hasSuffix(".") ? String(name.dropLast()) : name
        if production, ["localhost", "localhost.localdomain"].contains(bare) || bare.hasSuffix(".localhost") {
            return .failure(.internalAddress)
        }
        return .success(url)
    }

    /// Dotted parts that are all decimal or `0x` hexadecimal numbers.
    static func looksNumeric(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            if part.hasPrefix("0x") { return part.count > 2 && part.dropFirst(2).allSatisfy(\.isHexDigit) }
            return !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case malformed
        case credentials
        case scheme(production: Bool)
        case internalAddress

        public var description: String {
            switch self {
            case .malformed: "not an absolute URL with a host"
            case .credentials: "a webhook URL must not hold a user name or password"
            case .scheme(let production): production ? "a webhook URL must use https in production" : "a webhook URL must use http or https"
            case .internalAddress: "a webhook URL must not point to a loopback, private or link-local address"
            }
        }
    }
}

/// An IPv4 or IPv6 address, to tell the public internet from everything else.
public struct IPAddress: Sendable, Equatable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses the usual text forms (`192.0.2.1`, `2001:db8::1`, `::ffff:10.0.0.1`).
    public init?(_ text: String) {
        if let v4 = Self.parseV4(text) {
            bytes = v4
        } else if let v6 = Self.parseV6(text) {
            bytes = v6
        } else {
            return nil
        }
    }

    /// 127.0.0.0/8, ::1 and their IPv4-mapped form.
    public var isLoopback: Bool {
        if bytes.count == 4 { return bytes[0] == 127 }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        return bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }

    /// False for loopback, private, link-local, unique-local, carrier-grade NAT,
    /// multicast, reserved, documentation and unspecified ranges — and IPv4-mapped or
    /// NAT64 forms of those.
    public var isPublic: Bool {
        if bytes.count == 4 { return Self.isPublicV4(bytes) }
        let b = bytes
        // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address.
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return Self.isPublicV4(Array(b[12...])) }
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B, b[4..<12].allSatisfy({ $0 == 0 }) { return Self.isPublicV4(Array(b[12...])) }
        if b.allSatisfy({ $0 == 0 }) { return false }                               // ::
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return false }        // ::1
        if b[0] == 0xFF { return false }                                            // multicast
        if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 { return false }                   // fe80::/10 link-local
        if b[0] == 0xFE && (b[1] & 0xC0) == 0xC0 { return false }                   // fec0::/10 site-local
        if (b[0] & 0xFE) == 0xFC { return false }                                   // fc00::/7 unique-local
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false } // 2001:db8::/32 documentation
        if b[0..<12].allSatisfy({ $0 == 0 }) { return false }                       // deprecated IPv4-compatible
        return (b[0] & 0xE0) == 0x20                                                // only 2000::/3 is global unicast
    }

    private static func isPublicV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false
        case (100, 64...127): return false          // carrier-grade NAT
        case (169, 254): return false               // link-local (cloud metadata services)
        case (172, 16...31): return false
        case (192, 168): return false
        case (192, 0) where b[2] == 0 || b[2] == 2: return false // IETF assignments, TEST-NET-1
        case (198, 18...19): return false           // benchmarking
        case (198, 51) where b[2] == 100: return false
        case (203, 0) where b[2] == 113: return false
        case (224...255, _): return false           // multicast, reserved, broadcast
        default: return true
        }
    }

    private static func parseV4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  let value = UInt8(part) else { return nil }
            result.append(value)
        }
        return result
    }

    private static func parseV6(_ text: String) -> [UInt8]? {
        var text = Substring(text)
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        guard text.contains(":"), text.count <= 45 else { return nil }
        var tail: [UInt8] = []
        // A trailing dotted IPv4 part.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseV4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix("::") == false { text = text.dropLast() }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var values: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                values.append(value)
            }
            return values
        }
        guard let head = groups(halves[0]) else { return nil }
        let rest = halves.count == 2 ? groups(halves[1]) : []
        guard let rest else { return nil }
        let available = 8 - tail.count / 2
        var all: [UInt16]
        if halves.count == 2 {
            guard head.count + rest.count < available else { return nil }
            all = head + Array(repeating: 0, count: available - head.count - rest.count) + rest
        } else {
            guard head.count == available else { return nil }
            all = head
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + tail
    }

    public var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }
}
