/// CSV as spreadsheet programs in France open it: `;` between cells, CRLF between
/// rows, UTF-8 (the file starts with a byte-order mark so Excel reads it as such).
public enum CSVWriter {
    public static let byteOrderMark = "\u{FEFF}"
    public static let separator: Character = ";"

    /// One row, with its line end.
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: String(separator)) + "\r\n"
    }

    /// A cell, quoted when needed. A cell a spreadsheet would read as a formula (it
    /// begins with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
    /// apostrophe: an applicant's answer must never run in an agent's spreadsheet.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
