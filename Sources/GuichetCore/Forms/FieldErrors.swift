/// Validation messages for a form, in the order of the fields on the page, so that
/// the error summary lists them in reading order.
public struct FieldErrors: Error, Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let field: String
        public let message: String
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Records a message for a field; the first message for a field wins, because
    /// the user fixes one problem at a time.
    public mutating func add(_ field: String, _ message: String) {
        guard self[field] == nil else { return }
        entries.append(Entry(field: field, message: message))
    }

    public subscript(field: String) -> String? {
        entries.first { $0.field == field }?.message
    }
}
