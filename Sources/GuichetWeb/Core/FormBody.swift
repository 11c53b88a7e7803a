import Foundation
import GuichetCore
import Vapor

/// The fields of an `application/x-www-form-urlencoded` body.
///
/// Parsed by hand rather than through `Content` so that any byte sequence gives either
/// fields or a clean "unreadable" error (never a crash or a 500), repeated names are
/// kept (checkbox groups), and the number of fields is bounded. Invalid UTF-8 and NUL
/// characters make the whole body unreadable.
public struct FormBody: Sendable {
    public static let maximumFields = 500

    public enum Failure: Error, Equatable {
        case unsupportedContentType
        case unreadable
    }

    private var fields: [(name: String, value: String)]

    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> FormBody {
        var pairs: [(String, String)] = []
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard pairs.count < maximumFields else { throw .unreadable }
            let pieces = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decode(pieces[0])
            let value = pieces.count > 1 ? try decode(pieces[1]) : ""
            pairs.append((name, value))
        }
        return FormBody(pairs)
    }

    private static func decode(_ bytes: some Collection<UInt8>) throws(Failure) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .unreadable
                }
                output.append(high << 4 | low)
            default: output.append(byte)
            }
        }
        // No browser sends a NUL character in a form, and PostgreSQL refuses it in text.
        guard !output.contains(0), let text = String(validating: output, as: UTF8.self) else { throw .unreadable }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The first value of a field, or "" when absent.
    public subscript(name: String) -> String {
        fields.first { $0.name == name }?.value ?? ""
    }

    /// Every value of a repeated field, in order.
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    public func has(_ name: String) -> Bool {
        fields.contains { $0.name == name }
    }

    /// The fields for the domain's form readers.
    public var submitted: SubmittedFields { SubmittedFields(fields.map { ($0.name, $0.value) }) }
}

extension Request {
    private struct FormBodyKey: StorageKey { typealias Value = FormBody }

    /// The request's form fields. The body must already be collected (the CSRF
    /// middleware does it for every form post). Parsed once per request.
    public func formBody() throws(FormBody.Failure) -> FormBody {
        if let cached = storage[FormBodyKey.self] { return cached }
        guard headers.contentType?.type == "application", headers.contentType?.subType == "x-www-form-urlencoded" else {
            throw .unsupportedContentType
        }
        let buffer = body.data ?? ByteBuffer()
        let parsed = try FormBody.parse(buffer.readableBytesView)
        storage[FormBodyKey.self] = parsed
        return parsed
    }
}
