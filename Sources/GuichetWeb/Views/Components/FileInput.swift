import GuichetCore
@preconcurrency import Plot

/// A file picker. `accept` only helps the browser's dialog: the server always checks
/// the content itself.
struct FileInput: Component {
    var name: String
    var label: String
    var hint: String? = nil
    var error: String? = nil
    var accept: String? = nil
    var isRequired: Bool = true
    var id: String? = nil

    /// What a document upload (wallet, attachment) accepts, for the browser's dialog.
    static let documentTypes = "application/pdf,image/png,image/gif,image/jpeg,.pdf,.png,.gif,.jpg,.jpeg"
    /// The hint of a document upload.
    static let documentHint = "PDF, PNG, GIF ou JPEG, \(ByteSize.french(DocumentLimits.maximumFileBytes)) au plus."

    var body: Component {
        let ids = FieldIDs(name: id ?? name)
        return HTML.el("div", .class(FieldParts.wrapperClass(error: error))) {
            FieldParts.label(label, ids: ids, optional: !isRequired)
            FieldParts.hint(hint, ids: ids)
            FieldParts.error(error, ids: ids)
            HTML.void("input", .id(ids.input), .name(name), .type("file"), .class("file-input"),
                      Attr("accept", accept),
                      .aria("describedby", ids.describedBy(hint: hint != nil, error: error != nil)),
                      .aria("invalid", error == nil ? nil : "true"),
                      .flag("required", isRequired))
        }
    }
}
