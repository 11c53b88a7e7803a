import GuichetCore
import NIOCore

/// clamd's wire format, as spoken by `ClamdScanner` (and checked against a real daemon by
/// `Tests/tools/clamd_check.py`). Commands are sent in the "z" form, the name and a NUL,
/// and clamd ends its replies with a NUL. INSTREAM is followed by chunks, each a 4-byte
/// big-endian length and the bytes, then a zero length; clamd answers once, then closes.
enum ClamdProtocol {
    static let ping = "zPING\0"
    static let instream = "zINSTREAM\0"

    /// More than any reply clamd sends (a verdict is "stream: " and a signature name):
    /// a peer that sends more without a terminator is not a clamd we understand, and the
    /// bound keeps a misbehaving one from filling memory.
    static let maximumReply = 4096

    /// The 4-byte big-endian length that opens a chunk.
    static func chunkHeader(length: Int) -> ByteBuffer {
        var header = ByteBuffer()
        header.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .big)
        return header
    }

    /// A zero length: the end of the stream, after which clamd scans and answers.
    static var endOfStream: ByteBuffer { chunkHeader(length: 0) }

    /// The verdict in a reply to INSTREAM. Only the two verdict forms count; everything
    /// else, an ERROR, "COMMAND READ TIMED OUT", a reply cut short by the end of the
    /// connection (a truncated "stream: OK…" could be the start of a signature name), is
    /// no verdict, so the document stays unscanned rather than passing as clean.
    static func verdict(_ reply: ClamdReply) throws -> ScanVerdict {
        switch reply {
        case .complete(let bytes):
            if bytes.elementsEqual("stream: OK".utf8) { return .clean }
            let prefix = Array("stream: ".utf8), suffix = Array(" FOUND".utf8)
            if bytes.count > prefix.count + suffix.count, bytes.starts(with: prefix), bytes.suffix(suffix.count).elementsEqual(suffix) {
                let name = bytes[prefix.count..<(bytes.count - suffix.count)]
                return .infected(signature: String(decoding: name, as: UTF8.self))
            }
            throw VirusScanUnavailable(reason: "clamd answered \"\(printable(bytes))\"")
        case .cutShort(let bytes) where bytes.isEmpty:
            throw VirusScanUnavailable(reason: "clamd closed the connection without answering")
        case .cutShort(let bytes):
            throw VirusScanUnavailable(reason: "clamd's reply was cut short: \"\(printable(bytes))\"")
        case .tooLong:
            throw VirusScanUnavailable(reason: "clamd's reply is longer than \(maximumReply) bytes")
        }
    }

    /// Whether a reply to PING is clamd's PONG.
    static func isPong(_ reply: ClamdReply) -> Bool {
        reply == .complete(Array("PONG".utf8))
    }

    /// A reply quoted in a log line: printable ASCII only, and not too much of it.
    static func printable(_ bytes: [UInt8]) -> String {
        let limit = 120
        let shown = bytes.prefix(limit).map { (0x20...0x7E).contains($0) ? Character(UnicodeScalar($0)) : "?" }
        return String(shown) + (bytes.count > limit ? "…" : "")
    }
}

/// One reply of clamd, its terminator removed.
enum ClamdReply: Sendable, Equatable {
    /// Ended by a NUL (the "z" commands) or a newline (some errors, such as
    /// "COMMAND READ TIMED OUT", end with one whatever the command's form).
    case complete([UInt8])
    /// The connection ended before a terminator; possibly nothing at all.
    case cutShort([UInt8])
    /// No terminator within `ClamdProtocol.maximumReply` bytes.
    case tooLong
}

/// Cuts the first reply out of clamd's byte stream. clamd answers one command per
/// connection, so whatever follows the first reply is dropped.
struct ClamdReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = ClamdReply
    private var answered = false

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard !answered else {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        let view = buffer.readableBytesView
        if let end = view.firstIndex(where: { $0 == 0 || $0 == UInt8(ascii: "\n") }) {
            let length = end - view.startIndex
            guard length <= ClamdProtocol.maximumReply else { return answer(.tooLong, context: context, buffer: &buffer) }
            let bytes = buffer.readBytes(length: length) ?? []
            return answer(.complete(bytes), context: context, buffer: &buffer)
        }
        if view.count > ClamdProtocol.maximumReply { return answer(.tooLong, context: context, buffer: &buffer) }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        if !answered {
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            _ = answer(.cutShort(bytes), context: context, buffer: &buffer)
        }
        return .needMoreData
    }

    private mutating func answer(_ reply: ClamdReply, context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        answered = true
        buffer.moveReaderIndex(to: buffer.writerIndex)
        context.fireChannelRead(wrapInboundOut(reply))
        return .needMoreData
    }
}
