/// The byte classes and literal grammar of JSON, as the export scanner checks them.
extension DILAExportScanner {
    /// A byte that can continue a bare literal; what the literal spells is checked once it ends.
    static func isLiteralByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// `true`, `false`, `null`, or a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isValidLiteral(_ token: [UInt8]) -> Bool {
        if token == Array("true".utf8) || token == Array("false".utf8) || token == Array("null".utf8) { return true }
        var index = 0
        func digits() -> Int {
            let start = index
            while index < token.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(token[index]) { index += 1 }
            return index - start
        }
        if index < token.count, token[index] == UInt8(ascii: "-") { index += 1 }
        guard index < token.count else { return false }
        if token[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { return false }
        if index < token.count, token[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < token.count, token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E") {
            index += 1
            if index < token.count, token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == token.count
    }
}
