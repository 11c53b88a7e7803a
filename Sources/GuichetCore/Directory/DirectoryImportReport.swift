/// What reading a DILA export found: how many bodies it holds, how many records were left
/// out and why. `DILAExportReader.validate()` returns it before anything is written, so
/// that `guichet directory import` can print it and the database layer can decide.
public struct DirectoryImportReport: Sendable, Equatable {
    /// How many examples of rejected records the report keeps (the counts are complete).
    public static let keptRejections = 20

    /// Records read as a `PublicBody`.
    public internal(set) var accepted = 0
    public internal(set) var rejectedByReason: [DILARecordRejection.Reason: Int] = [:]
    /// The first `keptRejections` rejections, in file order.
    public internal(set) var firstRejections: [DILARecordRejection] = []
    /// Lines in the file.
    public internal(set) var lines = 0
    /// The most bytes the reader held at once (read buffer and records waiting): what the
    /// bounded-memory promise is checked against.
    public internal(set) var peakBufferedBytes = 0

    public init() {}

    public var rejected: Int { rejectedByReason.values.reduce(0, +) }
    public var records: Int { accepted + rejected }

    mutating func count(_ result: Result<PublicBody, DILARecordRejection>) {
        switch result {
        case .success: accepted += 1
        case .failure(let rejection):
            rejectedByReason[rejection.reason, default: 0] += 1
            if firstRejections.count < Self.keptRejections { firstRejections.append(rejection) }
        }
    }

    /// The rejections by French reason, the most frequent first.
    public var rejectedByFrenchReason: [(reason: String, count: Int)] {
        rejectedByReason.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key.message, $0.value) }
    }

    /// The report in French, one line each: *12 organismes valides*, *2 enregistrements
    /// rejetés*, then one line per reason and the first examples.
    public var summary: [String] {
        var lines = ["\(Text.counted(accepted, "organisme")) \(accepted > 1 ? "valides" : "valide")"]
        guard rejected > 0 else { return lines + ["Aucun enregistrement rejeté"] }
        lines.append("\(Text.counted(rejected, "enregistrement")) \(rejected > 1 ? "rejetés" : "rejeté") :")
        lines += rejectedByFrenchReason.map { "  – \($0.reason) : \($0.count)" }
        lines += firstRejections.map { "  \($0)" }
        return lines
    }
}
