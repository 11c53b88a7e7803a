import Foundation

/// Lays out a `TextDocument` on A4 pages and writes it as a PDF: Helvetica in
/// WinAnsiEncoding, compressed page contents, the title and language in the catalogue.
public enum TextPDF {
    static let page = PageLayout.a4
    static let margin = 56.0
    static let top = page.height - 64
    static let bottom = 72.0
    static let labelWidth = 170.0
    static var contentWidth: Double { page.width - 2 * margin }

    public static func render(_ document: TextDocument, creationDate: Date) -> Data {
        var layout = Layout()
        for block in document.blocks { layout.place(block) }
        let pages = layout.finish()
        return Data(write(pages, document: document, creationDate: creationDate).bytes)
    }

    /// The drawing operators of each page, before the footer is added.
    struct Layout {
        var pages: [[String]] = [[]]
        var y = TextPDF.top

        mutating func newPage() {
            pages.append([])
            y = TextPDF.top
        }

        /// Starts a new page unless `height` points still fit on this one.
        mutating func reserve(_ height: Double) {
            if y - height < TextPDF.bottom, y < TextPDF.top { newPage() }
        }

        mutating func draw(_ op: String) { pages[pages.count - 1].append(op) }

        mutating func text(_ string: String, font: StandardFont, size: Double, x: Double, y: Double, gray: Double = 0) {
            let color = gray == 0 ? "0 g" : "\(PDFWriter.number(gray)) g"
            draw("BT \(color) /\(font.resourceName) \(PDFWriter.number(size)) Tf 1 0 0 1 \(PDFWriter.number(x)) \(PDFWriter.number(y)) Tm \(TextPDF.literal(WinAnsi.encode(string))) Tj ET")
        }

        mutating func place(_ block: TextDocument.Block) {
            switch block {
            case .title(let title):
                let lines = TextPDF.wrap(title, font: .bold, size: 18, width: TextPDF.contentWidth)
                reserve(Double(lines.count) * 23 + 10)
                for line in lines {
                    y -= 23
                    text(line, font: .bold, size: 18, x: TextPDF.margin, y: y)
                }
                y -= 10
            case .heading(let heading):
                let lines = TextPDF.wrap(heading, font: .bold, size: 13, width: TextPDF.contentWidth)
                // A heading never ends a page: keep room for a line after it.
                reserve(Double(lines.count) * 17 + 44)
                y -= 12
                for line in lines {
                    y -= 17
                    text(line, font: .bold, size: 13, x: TextPDF.margin, y: y)
                }
                y -= 5
                draw("0.6 G 0.5 w \(PDFWriter.number(TextPDF.margin)) \(PDFWriter.number(y)) m \(PDFWriter.number(TextPDF.page.width - TextPDF.margin)) \(PDFWriter.number(y)) l S")
                y -= 8
            case .paragraph(let paragraph):
                for line in TextPDF.wrap(paragraph, font: .regular, size: 10.5, width: TextPDF.contentWidth) {
                    reserve(14.5)
                    y -= 14.5
                    text(line, font: .regular, size: 10.5, x: TextPDF.margin, y: y)
                }
                y -= 6
            case .note(let note):
                for line in TextPDF.wrap(note, font: .regular, size: 9.5, width: TextPDF.contentWidth) {
                    reserve(13)
                    y -= 13
                    text(line, font: .regular, size: 9.5, x: TextPDF.margin, y: y, gray: 0.3)
                }
                y -= 4
            case .answer(let label, let value):
                placeAnswer(label: label, value: value)
            case .blank(let label, let hint, let lines):
                placeBlank(label: label, hint: hint, lines: lines)
            case .tickBoxes(let label, let options):
                placeTickBoxes(label: label, options: options)
            }
        }

        mutating func placeAnswer(label: String, value: [String]) {
            let valueX = TextPDF.margin + TextPDF.labelWidth + 10
            let valueWidth = TextPDF.page.width - TextPDF.margin - valueX
            let labelLines = TextPDF.wrap(label, font: .bold, size: 9.5, width: TextPDF.labelWidth)
            let valueLines = value.flatMap { TextPDF.wrap($0, font: .regular, size: 10.5, width: valueWidth) }
            let rows = max(labelLines.count, valueLines.count)
            // Short answers stay in one piece; long ones may run onto the next page.
            if rows <= 8 { reserve(Double(rows) * 14 + 6) }
            for row in 0..<rows {
                reserve(14)
                y -= 14
                if row < labelLines.count { text(labelLines[row], font: .bold, size: 9.5, x: TextPDF.margin, y: y) }
                if row < valueLines.count { text(valueLines[row], font: .regular, size: 10.5, x: valueX, y: y) }
            }
            y -= 6
        }

        mutating func placeBlank(label: String, hint: String?, lines: Int) {
            let labelLines = TextPDF.wrap(label, font: .bold, size: 10, width: TextPDF.contentWidth)
            let hintLines = hint.map { TextPDF.wrap($0, font: .regular, size: 9, width: TextPDF.contentWidth) } ?? []
            let boxHeight = Double(max(lines, 1)) * 20 + 4
            reserve(Double(labelLines.count) * 13 + Double(hintLines.count) * 12 + boxHeight + 12)
            for line in labelLines {
                y -= 13
                text(line, font: .bold, size: 10, x: TextPDF.margin, y: y)
            }
            for line in hintLines {
                y -= 12
                text(line, font: .regular, size: 9, x: TextPDF.margin, y: y, gray: 0.3)
            }
            y -= 4 + boxHeight
            draw("0.4 G 0.75 w \(PDFWriter.number(TextPDF.margin)) \(PDFWriter.number(y)) \(PDFWriter.number(TextPDF.contentWidth)) \(PDFWriter.number(boxHeight)) re S")
            y -= 12
        }

        mutating func placeTickBoxes(label: String, options: [String]) {
            let labelLines = TextPDF.wrap(label, font: .bold, size: 10, width: TextPDF.contentWidth)
            let optionLines = options.map { TextPDF.wrap($0, font: .regular, size: 10, width: TextPDF.contentWidth - 18) }
            reserve(Double(labelLines.count) * 13 + Double(optionLines.first?.count ?? 1) * 14 + 10)
            for line in labelLines {
                y -= 13
                text(line, font: .bold, size: 10, x: TextPDF.margin, y: y)
            }
            y -= 2
            for lines in optionLines {
                reserve(Double(lines.count) * 14)
                for (index, line) in lines.enumerated() {
                    y -= 14
                    if index == 0 {
                        draw("0.3 G 0.75 w \(PDFWriter.number(TextPDF.margin)) \(PDFWriter.number(y - 1)) 9 9 re S")
                    }
                    text(line, font: .regular, size: 10, x: TextPDF.margin + 18, y: y)
                }
            }
            y -= 10
        }

        mutating func finish() -> [[String]] {
            pages.last?.isEmpty == true && pages.count > 1 ? Array(pages.dropLast()) : pages
        }
    }

    /// Splits text into lines no wider than `width`; a word longer than a line is cut.
    static func wrap(_ text: String, font: StandardFont, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.components(separatedBy: "\n") {
            var current = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                let candidate = current.isEmpty ? word : current + " " + word
                if font.width(candidate, size: size) <= width {
                    current = candidate
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = ""
                var piece = ""
                for character in word {
                    if font.width(piece + String(character), size: size) > width, !piece.isEmpty {
                        lines.append(piece)
                        piece = ""
                    }
                    piece.append(character)
                }
                current = piece
            }
            lines.append(current)
        }
        return lines
    }

    /// A PDF literal string of encoded bytes.
    static func literal(_ bytes: [UInt8]) -> String {
        var output = "("
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                output += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E:
                output += String(UnicodeScalar(byte))
            default:
                output += "\\" + String(byte, radix: 8).leftPadded(to: 3)
            }
        }
        return output + ")"
    }

    /// A text string for the document information: UTF-16 with a byte-order mark.
    static func unicodeString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    static func write(_ pages: [[String]], document: TextDocument, creationDate: Date) -> PDFBytes {
        var writer = PDFWriter(version: "1.7")
        let catalog = writer.reserve()
        let pagesNumber = writer.reserve()
        let fonts = [StandardFont.regular, .bold].map { font in
            (font, writer.add("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.baseFont) /Encoding /WinAnsiEncoding >>"))
        }
        let fontResources = fonts.map { "/\($0.0.resourceName) \($0.1) 0 R" }.joined(separator: " ")
        var kids: [Int] = []
        for (index, operators) in pages.enumerated() {
            var all = operators
            let footer = "\(document.footer) – page \(index + 1) sur \(pages.count)"
            all.append("BT 0.3 g /F1 8.5 Tf 1 0 0 1 \(PDFWriter.number(margin)) 36 Tm \(literal(WinAnsi.encode(footer))) Tj ET")
            let content = Zlib.compress(Array(all.joined(separator: "\n").utf8))
            let contents = writer.add("<< /Length \(content.count) /Filter /FlateDecode >>", stream: content[...])
            kids.append(writer.add("""
                << /Type /Page /Parent \(pagesNumber) 0 R /MediaBox [0 0 \(PDFWriter.number(page.width)) \(PDFWriter.number(page.height))] \
                /Resources << /Font << \(fontResources) >> >> /Contents \(contents) 0 R >>
                """))
        }
        writer.write(pagesNumber, "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        writer.write(catalog, "<< /Type /Catalog /Pages \(pagesNumber) 0 R /Lang (fr-FR) /ViewerPreferences << /DisplayDocTitle true >> >>")
        let info = writer.add("<< /Title \(unicodeString(document.title)) /Producer (Guichet) /CreationDate (\(pdfDate(creationDate))) >>")
        return writer.finish(root: catalog, info: info)
    }

    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
