import Foundation
import GuichetCore
import Testing

@Suite struct MIMEWriterTests {
    let message = EmailMessage(
        from: Mailbox("ne-pas-repondre@guichet.fr", name: "Guichet"),
        to: Mailbox("jeanne@exemple.fr"),
        replyTo: Mailbox("support@guichet.fr"),
        subject: "Votre démarche « Inscription sur les listes électorales » a été transmise",
        text: "Bonjour,\n.Une ligne qui commence par un point.\nÇa marche : 100 % = réussi.",
        html: "<p>Bonjour</p>",
        date: Date(timeIntervalSince1970: 1_800_000_000),
        messageID: "abc@guichet.fr"
    )

    @Test func headersAreComplete() {
        let text = MIMEWriter.render(message, boundary: "XYZ")
        #expect(text.contains("Date: Fri, 15 Jan 2027 08:00:00 +0000\r\n"))
        #expect(text.contains("From: Guichet <ne-pas-repondre@guichet.fr>\r\n"))
        #expect(text.contains("To: <jeanne@exemple.fr>\r\n"))
        #expect(text.contains("Reply-To: <support@guichet.fr>\r\n"))
        #expect(text.contains("Message-ID: <abc@guichet.fr>\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"XYZ\""))
        #expect(text.contains("\r\n--XYZ--\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line endings")
    }

    @Test func nonASCIISubjectIsEncodedInShortWords() throws {
        let encoded = MIMEWriter.encodedWords(message.subject)
        for word in encoded.components(separatedBy: "\r\n ") {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            #expect(word.count <= 75)
            let base64 = String(word.dropFirst(10).dropLast(2))
            #expect(String(data: try #require(Data(base64Encoded: base64)), encoding: .utf8) != nil, "no split UTF-8 sequence")
        }
        let decoded = encoded.components(separatedBy: "\r\n ").map { word in
            String(data: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, encoding: .utf8)!
        }.joined()
        #expect(decoded == message.subject)
    }

    @Test func lineBreaksInHeadersCannotAddHeaders() {
        var hostile = message
        hostile.subject = "Bonjour\r\nBcc: victime@exemple.fr"
        let text = MIMEWriter.render(hostile)
        #expect(!text.contains("\r\nBcc:"))
    }

    @Test func quotedPrintableRoundTrips() {
        let original = "Ligne accentuée é à ç ü — €\n.point\ntrès " + String(repeating: "long ", count: 40) + "\nfin avec espace "
        let encoded = MIMEWriter.quotedPrintable(original)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
            #expect(!line.hasPrefix("."))
        }
        #expect(Self.decodeQuotedPrintable(encoded) == original)
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n")
        var bytes: [UInt8] = []
        var characters = Array(joined.utf8)[...]
        while let byte = characters.popFirst() {
            if byte == UInt8(ascii: "="), characters.count >= 2 {
                let hex = String(decoding: characters.prefix(2), as: UTF8.self)
                bytes.append(UInt8(hex, radix: 16)!)
                characters = characters.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
