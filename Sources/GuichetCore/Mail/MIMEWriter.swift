import Foundation

/// Serialises an `EmailMessage` as an RFC 5322 / MIME message (CRLF line endings,
/// UTF-8 headers as RFC 2047 encoded words, bodies in quoted-printable): the bytes of a
/// `.eml` file and of an SMTP `DATA` section.
public enum MIMEWriter {
    public static func render(_ message: EmailMessage, boundary: String = "=_guichet_" + UUID().uuidString) -> String {
        var headers: [String] = [
            "Date: " + rfc5322Date(message.date),
            "From: " + mailbox(message.from),
            "To: " + mailbox(message.to),
        ]
        if let replyTo = message.replyTo { headers.append("Reply-To: " + mailbox(replyTo)) }
        headers += [
            "Subject: " + encodedWords(message.subject),
            "Message-ID: <\(sanitize(message.messageID))>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        var lines = headers
        if let html = message.html {
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("--\(boundary)")
            lines += part(message.text, type: "text/plain")
            lines.append("--\(boundary)")
            lines += part(html, type: "text/html")
            lines.append("--\(boundary)--")
        } else {
            lines += part(message.text, type: "text/plain")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func part(_ body: String, type: String) -> [String] {
        [
            "Content-Type: \(type); charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            quotedPrintable(body),
        ]
    }

    static func mailbox(_ mailbox: Mailbox) -> String {
        guard let name = mailbox.name, !name.isEmpty else { return "<\(sanitize(mailbox.address))>" }
        return "\(encodedWords(name, phrase: true)) <\(sanitize(mailbox.address))>"
    }

    /// Header text can never carry a line break: that would let input add headers.
    static func sanitize(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    /// RFC 2047 encoded words for non-ASCII text, split so that no word exceeds 75
    /// characters and no UTF-8 sequence is cut in two.
    public static func encodedWords(_ text: String, phrase: Bool = false) -> String {
        let clean = sanitize(text)
        let plainAllowed = clean.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
            && (!phrase || clean.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " })
        if plainAllowed && clean.count <= 900 { return clean }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// RFC 2045 quoted-printable with CRLF hard breaks and soft breaks before 76 columns.
    public static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encodedLine = ""
            var column = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 32 || byte == 9) && !isLast)
                // A leading dot is encoded so the body never needs SMTP dot-stuffing care.
                let token = literal && !(column == 0 && byte == UInt8(ascii: "."))
                    ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if column + token.count > 75 {
                    encodedLine += "=\r\n"
                    column = 0
                }
                encodedLine += token
                column += token.count
            }
            output.append(encodedLine)
        }
        return output.joined(separator: "\r\n")
    }

    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
