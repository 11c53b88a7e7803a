import Foundation

extension JSONValue {
    /// The first key repeated inside one object of a JSON text already known to be
    /// valid, or nil. Parsers keep one of the values silently, so two readers of the
    /// same body (a proxy, this server) could each see a different request.
    public static func firstDuplicateKey(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        // One entry per open object or array: its keys so far, and whether a key comes next.
        var stack: [(isObject: Bool, keys: Set<String>, expectsKey: Bool)] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                stack.append((true, [], true))
                index += 1
            case UInt8(ascii: "["):
                stack.append((false, [], false))
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                index += 1
            case UInt8(ascii: ","):
                if let last = stack.indices.last, stack[last].isObject { stack[last].expectsKey = true }
                index += 1
            case UInt8(ascii: "\""):
                let end = endOfString(bytes, from: index)
                if let last = stack.indices.last, stack[last].isObject, stack[last].expectsKey {
                    let key = unescaped(Array(bytes[index..<end]))
                    if stack[last].keys.contains(key) { return key }
                    stack[last].keys.insert(key)
                    stack[last].expectsKey = false
                }
                index = end
            default:
                index += 1
            }
        }
        return nil
    }

    /// The index just after the string that opens at `start`.
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    /// A key as it reads once its escapes are decoded (`"st\u0061te"` is `state`).
    private static func unescaped(_ quoted: [UInt8]) -> String {
        guard quoted.contains(UInt8(ascii: "\\")) else { return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self) }
        let value = try? JSONSerialization.jsonObject(with: Data(quoted), options: [.fragmentsAllowed])
        return value as? String ?? String(decoding: quoted, as: UTF8.self)
    }
}
