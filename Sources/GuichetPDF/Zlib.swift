import CZlib

/// zlib streams (PNG pixel data, PDF Flate streams).
enum Zlib {
    struct Failure: Error {}

    static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var length = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                compress2(destination.baseAddress, &length, source.baseAddress, uLong(input.count), level)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed")
        output.removeSubrange(Int(length)...)
        return output
    }

    /// Inflates exactly `expected` bytes; more output than that, a truncated or corrupt
    /// stream, are errors (so a small file can never inflate into a huge buffer).
    static func inflate(_ input: [UInt8], expected: Int) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expected + 1)
        guard let (status, produced) = run(input[...], into: &output, flush: Z_FINISH),
              status == Z_STREAM_END, produced == expected else { throw Failure() }
        output.removeLast()
        return output
    }

    /// Inflates the beginning of a stream only, to check that it is zlib data at all
    /// without paying for the whole image.
    static func startsWell(_ input: ArraySlice<UInt8>, probe: Int = 64 * 1024) -> Bool {
        var output = [UInt8](repeating: 0, count: probe)
        guard let (status, produced) = run(input, into: &output, flush: Z_NO_FLUSH) else { return false }
        return status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && produced > 0)
    }

    /// One `inflate` call over `input` into `output`: zlib's status and the bytes produced.
    private static func run(_ input: ArraySlice<UInt8>, into output: inout [UInt8], flush: Int32) -> (Int32, Int)? {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        let status: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                return CZlib.inflate(&stream, flush)
            }
        }
        return (status, Int(stream.total_out))
    }
}
