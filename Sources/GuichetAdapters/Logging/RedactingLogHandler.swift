import Logging

/// Wraps the real log handler and removes metadata that can carry personal data: the
/// values of database queries, which FluentKit logs at debug level (`input`,
/// `filters`) and the PostgreSQL driver at trace level (`binds`).
public struct RedactingLogHandler: LogHandler {
    static let redactedKeys: Set<String> = ["binds", "input", "filters"]

    private var base: any LogHandler

    public init(_ base: any LogHandler) {
        self.base = base
    }

    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        if let metadata = event.metadata {
            event.metadata = metadata.filter { !Self.redactedKeys.contains($0.key) }
        }
        base.log(event: event)
    }
}
