@preconcurrency import Plot

/// A small layer over Plot's renderer that every view goes through.
///
/// Plot writes attribute values verbatim and leaves `&…;` sequences in text as they
/// are, which is unsafe for text users typed. These helpers escape both, so one rule
/// holds everywhere: any `String` given to a view is shown as typed, never as markup.
enum HTML {
    /// An element with attributes and content.
    static func el(_ name: String, _ attributes: Attr..., @ComponentBuilder content: () -> Component = { EmptyComponent() }) -> Component {
        element(name, attributes, content: content())
    }

    static func element(_ name: String, _ attributes: [Attr], content: Component) -> Component {
        Node<Any>.element(named: name, nodes: attributes.compactMap(\.node) + [.component(content)])
    }

    /// A void element (`<input>`, `<img>`, `<meta>`, `<link>`), which has no closing tag.
    static func void(_ name: String, _ attributes: Attr...) -> Component {
        voidElement(name, attributes)
    }

    static func voidElement(_ name: String, _ attributes: [Attr]) -> Component {
        var element = Element<Any>.named(name, nodes: attributes.compactMap(\.node))
        element.closingMode = .neverClosed
        return Node<Any>.element(element)
    }

    /// Text, escaped.
    static func text(_ string: String) -> Component {
        Node<Any>.raw(escape(string))
    }

    static func escape(_ string: String) -> String {
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

    /// A complete document: `<!DOCTYPE html>` and the root element.
    static func document(_ root: Component) -> String {
        "<!DOCTYPE html>" + root.render(indentedBy: nil)
    }
}

/// An HTML attribute; `nil` values are left out, boolean attributes have no value.
struct Attr {
    let name: String
    let value: String?
    let isBoolean: Bool

    init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
        self.isBoolean = false
    }

    private init(boolean name: String, present: Bool) {
        self.name = name
        self.value = present ? "" : nil
        self.isBoolean = true
    }

    var node: Node<Any>? {
        guard let value else { return nil }
        if isBoolean { return .attribute(named: name) }
        return .attribute(named: name, value: HTML.escape(value), ignoreIfValueIsEmpty: false)
    }

    static func `class`(_ value: String?) -> Attr { Attr("class", value) }
    static func id(_ value: String?) -> Attr { Attr("id", value) }
    static func href(_ url: SiteURL) -> Attr { Attr("href", url.path) }
    static func href(_ value: String) -> Attr { Attr("href", value) }
    static func name(_ value: String) -> Attr { Attr("name", value) }
    static func type(_ value: String) -> Attr { Attr("type", value) }
    static func value(_ value: String?) -> Attr { Attr("value", value) }
    static func `for`(_ value: String) -> Attr { Attr("for", value) }
    static func aria(_ name: String, _ value: String?) -> Attr { Attr("aria-" + name, value) }
    static func data(_ name: String, _ value: String?) -> Attr { Attr("data-" + name, value) }
    static func lang(_ value: String) -> Attr { Attr("lang", value) }
    static func flag(_ name: String, _ present: Bool = true) -> Attr { Attr(boolean: name, present: present) }
}
