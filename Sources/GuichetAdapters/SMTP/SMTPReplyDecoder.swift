import NIOCore

/// One reply of an SMTP server: its code and the text of each line
/// (`250-SIZE…`, `250 OK` give code 250 and two lines).
struct SMTPReply: Sendable, Equatable {
    let code: Int
    let lines: [String]

    var isPositive: Bool { (200..<400).contains(code) }
}

struct SMTPProtocolError: Error, CustomStringConvertible {
    let description: String
}

/// Splits the server's byte stream into replies, joining multi-line ones.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var pendingLines: [String] = []
    private static let maximumLine = 4096

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLine { throw SMTPProtocolError(description: "reply line too long") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard var bytes = buffer.readBytes(length: length) else { return .needMoreData }
        while bytes.last == UInt8(ascii: "\n") || bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        let characters = Array(line)
        guard characters.count >= 3, let code = Int(String(characters[0..<3])) else {
            throw SMTPProtocolError(description: "malformed reply: \(line.prefix(80))")
        }
        pendingLines.append(characters.count > 4 ? String(characters[4...]) : "")
        if characters.count > 3, characters[3] == "-" { return .continue }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingLines = []
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }
}
