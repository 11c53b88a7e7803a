import Foundation

/// The few HTML elements emails are made of, written as text with every value escaped,
/// so that any `String` a template is given is shown as typed, never as markup.
/// (Emails are composed by the operations, which know no view library.)
public enum MailHTML {
    public static func escape(_ string: String) -> String {
        var output = ""
        output.reserveCapacity(string.utf8.count)
        for character in string {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// An element; `content` is HTML already (made with these functions).
    public static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String = "") -> String {
        "<\(name)\(render(attributes))>\(content)</\(name)>"
    }

    /// A void element (`<meta>`, `<br>`, `<hr>`).
    public static func void(_ name: String, _ attributes: [(String, String)] = []) -> String {
        "<\(name)\(render(attributes))>"
    }

    public static func text(_ string: String) -> String { escape(string) }

    public static func link(_ address: String) -> String {
        element("a", [("href", address)], escape(address))
    }

    /// Paragraphs of plain text (separated by a blank line) as HTML paragraphs, line
    /// breaks kept.
    public static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map { paragraph in
            element("p", [], paragraph.components(separatedBy: "\n").map(escape).joined(separator: void("br")))
        }.joined()
    }

    private static func render(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
