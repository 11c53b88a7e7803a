@preconcurrency import Plot

/// A form that posts to the portal, with the anti-forgery token every post needs.
/// `novalidate` lets the server's French messages, not the browser's, explain errors.
struct PostForm: Component {
    var action: SiteURL
    var csrfToken: String
    var isMultipart: Bool = false
    /// The label of the form's main button when other submit buttons come before it
    /// (*Afficher un nouveau code*): pressing Enter in a field must trigger the main
    /// action, and browsers use the first submit button in the form for that.
    var defaultAction: String? = nil
    var content: Component

    init(action: SiteURL, csrfToken: String, isMultipart: Bool = false, defaultAction: String? = nil,
         @ComponentBuilder content: () -> Component) {
        self.action = action
        self.csrfToken = csrfToken
        self.isMultipart = isMultipart
        self.defaultAction = defaultAction
        self.content = content()
    }

    var body: Component {
        // A streamed upload is checked before its body is read, so its token travels
        // in the query string.
        let target = isMultipart ? action.path + "?_csrf=" + csrfToken : action.path
        return HTML.el("form", Attr("method", "post"), Attr("action", target), .flag("novalidate"),
                       Attr("enctype", isMultipart ? "multipart/form-data" : nil)) {
            HTML.void("input", .type("hidden"), .name(CSRFMiddleware.fieldName), .value(csrfToken))
            if let defaultAction {
                HTML.el("button", .type("submit"), .class("default-action"), Attr("tabindex", "-1"), .aria("hidden", "true")) {
                    HTML.text(defaultAction)
                }
            }
            content
        }
    }
}
