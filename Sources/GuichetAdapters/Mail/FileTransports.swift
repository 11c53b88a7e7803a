import Foundation
import GuichetCore

/// The embedded default: each email becomes an `.eml` file in the outbox folder, which
/// any mail client opens.
public struct FileMailTransport: MailTransport {
    let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func send(_ message: EmailMessage) async throws {
        let name = FileOutbox.fileName(date: message.date, id: message.messageID, extension: "eml")
        try FileOutbox.write(Data(MIMEWriter.render(message).utf8), named: name, in: directory)
    }
}

/// The embedded default for SMS: one text file per message.
public struct FileSMSTransport: SMSTransport {
    let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func send(_ message: SMSMessage) async throws {
        let name = FileOutbox.fileName(date: Date(), id: UUID().uuidString, extension: "txt")
        try FileOutbox.write(Data("To: \(message.to)\n\n\(message.text)\n".utf8), named: name, in: directory)
    }
}

enum FileOutbox {
    static func fileName(date: Date, id: String, extension ext: String) -> String {
        let stamp = Int(date.timeIntervalSince1970 * 1000)
        let safe = id.filter { $0.isLetter || $0.isNumber || $0 == "-" }.prefix(40)
        return "\(stamp)-\(safe).\(ext)"
    }

    /// Writes through a temporary name and renames, so a reader never sees half a file.
    static func write(_ data: Data, named name: String, in directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: directory.appendingPathComponent(name), options: .atomic)
        } catch {
            throw DeliveryFailure.transient("cannot write to the outbox folder: \(error.localizedDescription)")
        }
    }
}
