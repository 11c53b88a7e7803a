/// One image as a one-page PDF, without loss: a JPEG's bytes go in unchanged
/// (DCTDecode); a PNG's compressed rows go in unchanged when the PDF can read them as
/// they are (Flate with PNG predictors), and are only decoded for interlacing, an alpha
/// channel (which becomes a soft mask) or transparent palette entries; a GIF's first
/// frame becomes palette indices.
public enum ImagePDF {
    struct Image {
        var dictionary: String
        var stream: ArraySlice<UInt8>
        var softMask: (dictionary: String, stream: [UInt8])?
        var width: Int
        var height: Int
        var dpi: Double?
        var version = "1.4"
        var orientation = ImageOrientation.up
    }

    public static func make(_ data: [UInt8], format: DocumentFormat) throws(DocumentError) -> PDFBytes {
        let image: Image
        switch format {
        case .jpeg: image = try jpeg(JPEGImage.parse(data))
        case .png: image = try png(PNGImage.parse(data))
        case .gif: image = gif(try GIFImage.parse(data))
        case .pdf: preconditionFailure("a PDF is not an image")
        }
        return page(for: image)
    }

    static func jpeg(_ jpeg: JPEGImage) -> Image {
        let space = [1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"][jpeg.components]!
        let decode = jpeg.invertedCMYK ? " /Decode [1 0 1 0 1 0 1 0]" : ""
        return Image(dictionary: "/Width \(jpeg.width) /Height \(jpeg.height) /ColorSpace \(space) /BitsPerComponent 8 /Filter /DCTDecode\(decode)",
                     stream: jpeg.bytes, width: jpeg.width, height: jpeg.height, dpi: jpeg.dpi, orientation: jpeg.orientation)
    }

    static func png(_ png: PNGImage) throws(DocumentError) -> Image {
        let size = "/Width \(png.width) /Height \(png.height)"
        let version = png.bitDepth == 16 ? "1.5" : "1.4"
        let transparentPalette = png.colorType == 3 && png.transparency != nil
        if !png.interlaced, !png.hasAlphaChannel, !transparentPalette {
            guard Zlib.startsWell(png.compressed[...]) else { throw .damaged(.png) }
            let parameters = "/DecodeParms << /Predictor 15 /Colors \(png.channels) /BitsPerComponent \(png.bitDepth) /Columns \(png.width) >>"
            return Image(dictionary: "\(size) /ColorSpace \(colorSpace(png)) /BitsPerComponent \(png.bitDepth) /Filter /FlateDecode \(parameters)\(colorKeyMask(png))",
                         stream: png.compressed[...], width: png.width, height: png.height, dpi: png.dpi, version: version, orientation: png.orientation)
        }
        let pixels = try png.decodePixels()
        if png.hasAlphaChannel {
            let (color, alpha) = splitAlpha(pixels, channels: png.channels, sampleBytes: png.bitDepth / 8)
            let space = png.colorType == 4 ? "/DeviceGray" : "/DeviceRGB"
            return Image(dictionary: "\(size) /ColorSpace \(space) /BitsPerComponent \(png.bitDepth) /Filter /FlateDecode",
                         stream: Zlib.compress(color, level: recompressionLevel)[...],
                         softMask: ("\(size) /ColorSpace /DeviceGray /BitsPerComponent \(png.bitDepth) /Filter /FlateDecode",
                                    Zlib.compress(alpha, level: recompressionLevel)),
                         width: png.width, height: png.height, dpi: png.dpi, version: version, orientation: png.orientation)
        }
        var image = Image(dictionary: "\(size) /ColorSpace \(colorSpace(png)) /BitsPerComponent \(png.bitDepth) /Filter /FlateDecode\(colorKeyMask(png))",
                          stream: Zlib.compress(pixels, level: recompressionLevel)[...], width: png.width, height: png.height, dpi: png.dpi, version: version, orientation: png.orientation)
        if transparentPalette, let transparency = png.transparency {
            var alpha = [UInt8](repeating: 255, count: png.width * png.height)
            for row in 0..<png.height {
                for column in 0..<png.width {
                    let index = Int(PNGImage.sample(pixels, rowStart: row * png.rowBytes, index: column, depth: png.bitDepth))
                    if index < transparency.count { alpha[row * png.width + column] = transparency[index] }
                }
            }
            image.softMask = ("\(size) /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", Zlib.compress(alpha, level: recompressionLevel))
        }
        return image
    }

    static func gif(_ gif: GIFImage) -> Image {
        let colors = gif.palette.count / 3
        let mask = gif.transparentIndex.map { " /Mask [\($0) \($0)]" } ?? ""
        return Image(dictionary: "/Width \(gif.width) /Height \(gif.height) /ColorSpace [/Indexed /DeviceRGB \(colors - 1) <\(PDFWriter.hex(gif.palette))>] /BitsPerComponent 8 /Filter /FlateDecode\(mask)",
                     stream: Zlib.compress(gif.indices, level: recompressionLevel)[...], width: gif.width, height: gif.height, dpi: nil)
    }

    /// Pixels that had to be decoded are compressed again at zlib's fastest level: on
    /// photographic data it is several times faster than the default for a few percent
    /// more bytes.
    static let recompressionLevel: Int32 = 1

    /// Separates interleaved colour and alpha samples.
    static func splitAlpha(_ pixels: [UInt8], channels: Int, sampleBytes: Int) -> (color: [UInt8], alpha: [UInt8]) {
        let pixelBytes = channels * sampleBytes, colorBytes = (channels - 1) * sampleBytes
        let count = pixels.count / pixelBytes
        var color = [UInt8](repeating: 0, count: count * colorBytes)
        var alpha = [UInt8](repeating: 0, count: count * sampleBytes)
        pixels.withUnsafeBufferPointer { source in
            color.withUnsafeMutableBufferPointer { colorOut in
                alpha.withUnsafeMutableBufferPointer { alphaOut in
                    for pixel in 0..<count {
                        let base = pixel * pixelBytes
                        for byte in 0..<colorBytes { colorOut[pixel * colorBytes + byte] = source[base + byte] }
                        for byte in 0..<sampleBytes { alphaOut[pixel * sampleBytes + byte] = source[base + colorBytes + byte] }
                    }
                }
            }
        }
        return (color, alpha)
    }

    static func colorSpace(_ png: PNGImage) -> String {
        switch png.colorType {
        case 0, 4: return "/DeviceGray"
        case 3:
            let palette = png.palette ?? []
            return "[/Indexed /DeviceRGB \(palette.count / 3 - 1) <\(PDFWriter.hex(palette))>]"
        default: return "/DeviceRGB"
        }
    }

    /// A single transparent grey or RGB value (tRNS) becomes a colour-key mask: no decoding.
    static func colorKeyMask(_ png: PNGImage) -> String {
        guard let t = png.transparency, png.colorType == 0 || png.colorType == 2 else { return "" }
        let values = stride(from: 0, to: t.count - 1, by: 2).map { Int(t[$0]) << 8 | Int(t[$0 + 1]) }
        guard values.count == (png.colorType == 0 ? 1 : 3) else { return "" }
        return " /Mask [" + values.map { "\($0) \($0)" }.joined(separator: " ") + "]"
    }

    static func page(for image: Image) -> PDFBytes {
        var writer = PDFWriter(version: image.version)
        let catalog = writer.reserve(), pages = writer.reserve(), page = writer.reserve()
        var maskReference = ""
        if let softMask = image.softMask {
            let mask = writer.add("<< /Type /XObject /Subtype /Image \(softMask.dictionary) /Length \(softMask.stream.count) >>", stream: softMask.stream[...])
            maskReference = " /SMask \(mask) 0 R"
        }
        let xobject = writer.add("<< /Type /XObject /Subtype /Image \(image.dictionary)\(maskReference) /Length \(image.stream.count) >>",
                                 stream: image.stream)
        // The page holds the image as seen upright; the matrix turns the stored pixels.
        let sideways = image.orientation.swapsSides
        let layout = PageLayout.place(pixelWidth: sideways ? image.height : image.width,
                                      pixelHeight: sideways ? image.width : image.height, dpi: image.dpi)
        let n = PDFWriter.number
        let matrix = image.orientation.matrix(x: layout.x, y: layout.y, width: layout.width, height: layout.height)
        let content = Array("q \(matrix.map(n).joined(separator: " ")) cm /Im0 Do Q".utf8)
        let contents = writer.add("<< /Length \(content.count) >>", stream: content[...])
        writer.write(page, "<< /Type /Page /Parent \(pages) 0 R /MediaBox [0 0 \(n(layout.pageWidth)) \(n(layout.pageHeight))] /Resources << /XObject << /Im0 \(xobject) 0 R >> >> /Contents \(contents) 0 R >>")
        writer.write(pages, "<< /Type /Pages /Kids [\(page) 0 R] /Count 1 >>")
        writer.write(catalog, "<< /Type /Catalog /Pages \(pages) 0 R >>")
        return writer.finish(root: catalog)
    }
}
