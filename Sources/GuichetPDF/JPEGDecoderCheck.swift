/// What a JPEG decoder refuses to start on, checked without decoding. The file goes
/// into the PDF unchanged, so it must pass the decoder of every reader: these are the
/// header and table checks on which libjpeg(-turbo), used by qpdf and poppler, stops
/// with an error. A file that passes here decodes, though damaged compressed data can
/// still give wrong pixels (decoders only warn about that).
struct JPEGDecoderCheck {
    struct Component {
        let id: UInt8
        let horizontal: Int
        let vertical: Int
        let quantizationTable: Int
    }

    struct Frame {
        let width: Int
        let height: Int
        let components: [Component]
        let progressive: Bool
    }

    /// The largest side libjpeg accepts (JPEG_MAX_DIMENSION).
    private static let maximumSide = 65_500
    /// Blocks in one interleaved unit (D_MAX_BLOCKS_IN_MCU).
    static let maximumBlocksPerUnit = 10

    private(set) var frame: Frame?
    private(set) var scans = 0
    private var firstScanComponents = 0
    private var quantizationTables = Set<Int>()
    private var dcTables = Set<Int>()
    private var acTables = Set<Int>()

    /// SOF0, SOF1 or SOF2: 8-bit samples, a known height, sides and sampling a decoder takes.
    mutating func readFrame(_ segment: ArraySlice<UInt8>, progressive: Bool) throws(DocumentError) -> Frame {
        guard segment.count >= 6 else { throw .damaged(.jpeg) }
        let start = segment.startIndex
        guard segment[start] == 8 else { throw .unsupportedVariant("JPEG en 12 bits") }
        guard frame == nil else { throw .damaged(.jpeg) }
        let height = Int(segment[start + 1]) << 8 | Int(segment[start + 2])
        let width = Int(segment[start + 3]) << 8 | Int(segment[start + 4])
        let count = Int(segment[start + 5])
        guard [1, 3, 4].contains(count), segment.count == 6 + 3 * count else { throw .damaged(.jpeg) }
        var components: [Component] = []
        for offset in stride(from: start + 6, to: segment.endIndex, by: 3) {
            let sampling = segment[offset + 1]
            let component = Component(id: segment[offset], horizontal: Int(sampling >> 4), vertical: Int(sampling & 0x0F),
                                      quantizationTable: Int(segment[offset + 2]))
            guard (1...4).contains(component.horizontal), (1...4).contains(component.vertical),
                  !components.contains(where: { $0.id == component.id }) else { throw .damaged(.jpeg) }
            components.append(component)
        }
        // Decoders upsample by whole factors only (4:2:0 and the like, not 3:2).
        let maxH = components.map(\.horizontal).max() ?? 1, maxV = components.map(\.vertical).max() ?? 1
        if count > 1, components.contains(where: { maxH % $0.horizontal != 0 || maxV % $0.vertical != 0 }) {
            throw .unsupportedVariant("JPEG à sous-échantillonnage fractionnaire")
        }
        guard width > 0, height > 0 else { throw .unsupportedVariant("JPEG sans hauteur déclarée") }
        guard max(width, height) <= Self.maximumSide else { throw .damaged(.jpeg) }
        let read = Frame(width: width, height: height, components: components, progressive: progressive)
        frame = read
        return read
    }

    /// DHT: one or more tables. A table's codes must fit its code lengths (the all-ones
    /// code stays free), and a DC table's symbols are bit counts of at most 15.
    mutating func readHuffmanTables(_ segment: ArraySlice<UInt8>) throws(DocumentError) {
        var index = segment.startIndex
        while index < segment.endIndex {
            guard segment.endIndex - index >= 17 else { throw .damaged(.jpeg) }
            let selector = segment[index]
            guard selector & 0xEC == 0 else { throw .damaged(.jpeg) }
            let isAC = selector & 0x10 != 0
            let counts = segment[(index + 1)...(index + 16)].map(Int.init)
            let symbolCount = counts.reduce(0, +)
            index += 17
            guard symbolCount <= 256, segment.endIndex - index >= symbolCount else { throw .damaged(.jpeg) }
            var code = 0
            for (offset, count) in counts.enumerated() {
                code += count
                guard code < 1 << (offset + 1) else { throw .damaged(.jpeg) }
                code <<= 1
            }
            if !isAC, segment[index..<(index + symbolCount)].contains(where: { $0 > 15 }) { throw .damaged(.jpeg) }
            index += symbolCount
            if isAC { acTables.insert(Int(selector & 0x03)) } else { dcTables.insert(Int(selector & 0x03)) }
        }
    }

    /// DQT: one or more tables of 64 values, 8 or 16 bits each.
    mutating func readQuantizationTables(_ segment: ArraySlice<UInt8>) throws(DocumentError) {
        var index = segment.startIndex
        while index < segment.endIndex {
            let selector = segment[index]
            let size = selector >> 4 == 0 ? 64 : 128
            guard selector & 0x0F < 4, selector >> 4 <= 1, segment.endIndex - index - 1 >= size else { throw .damaged(.jpeg) }
            quantizationTables.insert(Int(selector & 0x0F))
            index += 1 + size
        }
    }

    /// SOS: the components of the scan exist, each once; their tables are defined by
    /// now (in sequential images, Huffman tables 0 and 1 have defaults); a progressive scan's
    /// spectral and approximation bounds are ones a decoder accepts; a sequential image
    /// has several scans only if its first one leaves components out.
    mutating func readScan(_ segment: ArraySlice<UInt8>) throws(DocumentError) {
        guard let frame, let count = segment.first.map(Int.init), (1...4).contains(count), segment.count == 4 + 2 * count else {
            throw .damaged(.jpeg)
        }
        let start = segment.startIndex
        let spectralStart = Int(segment[start + 1 + 2 * count]), spectralEnd = Int(segment[start + 2 + 2 * count])
        let approximation = segment[start + 3 + 2 * count]
        let high = Int(approximation >> 4), low = Int(approximation & 0x0F)
        let isDCScan = spectralStart == 0
        if frame.progressive {
            let valid = (isDCScan ? spectralEnd == 0 : spectralStart <= spectralEnd && spectralEnd < 64 && count == 1)
                && (high == 0 || low == high - 1) && low <= 13
            guard valid else { throw .damaged(.jpeg) }
        }
        var seen: [UInt8] = []
        var blocks = 0
        for offset in stride(from: start + 1, to: start + 1 + 2 * count, by: 2) {
            guard let component = frame.components.first(where: { $0.id == segment[offset] }), !seen.contains(component.id) else {
                throw .damaged(.jpeg)
            }
            seen.append(component.id)
            blocks += component.horizontal * component.vertical
            guard quantizationTables.contains(component.quantizationTable) else { throw .damaged(.jpeg) }
            let dc = Int(segment[offset + 1] >> 4), ac = Int(segment[offset + 1] & 0x0F)
            let needsDC = !frame.progressive || (isDCScan && high == 0)
            let needsAC = !frame.progressive || !isDCScan
            // The sequential decoder has standard tables 0 and 1; the progressive one none.
            let standard = frame.progressive ? 0 : 2
            if needsDC, !(dcTables.contains(dc) || dc < standard) { throw .damaged(.jpeg) }
            if needsAC, !(acTables.contains(ac) || ac < standard) { throw .damaged(.jpeg) }
        }
        guard count == 1 || blocks <= Self.maximumBlocksPerUnit else { throw .damaged(.jpeg) }
        // A sequential image whose first scan holds every component has no other scan.
        if !frame.progressive, scans > 0, firstScanComponents == frame.components.count { throw .damaged(.jpeg) }
        if scans == 0 { firstScanComponents = count }
        scans += 1
    }

    /// DRI: a two-byte interval.
    static func checkRestartInterval(_ segment: ArraySlice<UInt8>) throws(DocumentError) {
        guard segment.count == 2 else { throw .damaged(.jpeg) }
    }
}
