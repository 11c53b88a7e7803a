import Foundation

/// The client's address, for rate limits and the security log.
///
/// Behind `trustedHops` proxies, each proxy appends the address it received the
/// connection from to `X-Forwarded-For`; entries further left were written by the
/// client and prove nothing. So all the header lines are joined, in order, and the
/// entry `trustedHops` from the right is the client as seen by the outermost trusted
/// proxy. Without a trusted proxy (or when the header is too short to be from them),
/// the socket's peer is the client.
public enum ClientAddress {
    public static func resolve(peer: String?, forwardedFor lines: [String], trustedHops: Int) -> String {
        let fallback = peer.flatMap(normalised) ?? "unknown"
        guard trustedHops > 0 else { return fallback }
        let entries = lines.joined(separator: ",").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard entries.count >= trustedHops, let address = normalised(entries[entries.count - trustedHops]) else { return fallback }
        return address
    }

    /// The key a per-address limit counts under: an IPv4 address as it is, an IPv6
    /// address by its /64 network (one subscriber usually holds a whole /64, and would
    /// otherwise get a fresh counter per address).
    public static func limitKey(_ address: String) -> String {
        guard address.contains(":"), let groups = ipv6Groups(address) else { return address }
        return groups.prefix(4).map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    /// A well-formed IPv4 or IPv6 address (brackets and an IPv6 zone removed), or nil.
    static func normalised(_ text: String) -> String? {
        var candidate = text.trimmingCharacters(in: .whitespaces)
        if candidate.hasPrefix("["), let end = candidate.firstIndex(of: "]") {
            candidate = String(candidate[candidate.index(after: candidate.startIndex)..<end])
        }
        if let zone = candidate.firstIndex(of: "%") { candidate = String(candidate[..<zone]) }
        guard !candidate.isEmpty, candidate.count <= 45 else { return nil }
        if candidate.contains(":") { return ipv6Groups(candidate) == nil ? nil : candidate.lowercased() }
        let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }) else {
            return nil
        }
        return candidate
    }

    /// The eight 16-bit groups of an IPv6 address (with `::` expanded and an embedded
    /// IPv4 tail converted), or nil when it is not one.
    static func ipv6Groups(_ text: String) -> [UInt16]? {
        var address = text.lowercased()
        if let zone = address.firstIndex(of: "%") { address = String(address[..<zone]) }
        var tail: [UInt16] = []
        if address.contains(".") {
            // An IPv4 tail (`::ffff:192.0.2.1`) stands for the last two groups.
            guard let lastColon = address.lastIndex(of: ":") else { return nil }
            let octets = address[address.index(after: lastColon)...].split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) else { return nil }
            let bytes = octets.compactMap { UInt16($0) }
            guard bytes.count == 4, bytes.allSatisfy({ $0 <= 255 }) else { return nil }
            tail = [bytes[0] << 8 | bytes[1], bytes[2] << 8 | bytes[3]]
            address = String(address[...lastColon])
            if !address.hasSuffix("::") { address.removeLast() }
        }
        let halves = address.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 {
            let all = head + tail
            return all.count == 8 ? all : nil
        }
        guard let rest = groups(halves[1]) else { return nil }
        let known = head.count + rest.count + tail.count
        guard known < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - known) + rest + tail
    }
}
