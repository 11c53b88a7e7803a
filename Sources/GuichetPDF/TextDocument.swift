import Foundation

/// A document made of text blocks (a receipt, a blank form), laid out on A4 pages by
/// `TextPDF`. Only the standard Helvetica fonts are used, so nothing is embedded and
/// the text can be extracted and searched.
public struct TextDocument: Sendable {
    public enum Block: Sendable, Equatable {
        /// The big title at the top.
        case title(String)
        case heading(String)
        case paragraph(String)
        /// A small grey line (a CERFA number, a date).
        case note(String)
        /// A question and its answer, side by side.
        case answer(label: String, value: [String])
        /// A question and an empty box to write the answer in by hand.
        case blank(label: String, hint: String?, lines: Int)
        /// A question and boxes to tick.
        case tickBoxes(label: String, options: [String])
    }

    public var title: String
    /// Printed at the foot of every page, before the page number.
    public var footer: String
    public var blocks: [Block]

    public init(title: String, footer: String, blocks: [Block]) {
        self.title = title
        self.footer = footer
        self.blocks = blocks
    }
}
