import Foundation
import GuichetCore
@preconcurrency import Plot

/// *Mes documents > Mon porte-documents*.
struct WalletPage: PageView {
    struct Row {
        let id: UUID
        let title: String
        let category: String
        let pages: Int
        let size: Int
        let date: Date
        /// Waiting for its virus scan: shown, not downloadable yet.
        var pending = false
    }

    var rows: [Row]
    var usedBytes: Int
    var quotaBytes: Int
    var notice: PageNotice?

    var title: String { "Mon porte-documents" }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account)] }

    func content(_ context: PageContext) -> Component {
        let percent = quotaBytes > 0 ? min(100, usedBytes * 100 / quotaBytes) : 0
        return ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            HTML.el("p") { HTML.text("Conservez ici vos justificatifs pour les joindre à vos démarches sans les numériser de nouveau. Vous seul pouvez les voir.") }
            HTML.el("p", .id("espace-utilise")) {
                HTML.text("Espace utilisé : \(ByteSize.french(usedBytes)) sur \(ByteSize.french(quotaBytes)) (\(percent) %).")
            }
            HTML.el("progress", Attr("max", "100"), .value(String(percent)), .aria("labelledby", "espace-utilise")) { HTML.text("\(percent) %") }
            HTML.el("p") { ButtonLink(label: "Ajouter un document", url: .walletAdd) }
            if rows.isEmpty {
                HTML.el("p") { HTML.text("Votre porte-documents est vide.") }
            } else {
                DataTable(caption: "Vos documents, du plus récent au plus ancien",
                          headings: ["Titre", "Catégorie", "Pages", "Taille", "Ajouté le", "Actions"],
                          rows: rows.map { row in
                              [HTML.text(row.title), HTML.text(row.category), HTML.text(String(row.pages)),
                               HTML.text(ByteSize.french(row.size)), HTML.text(FrenchDate.short(row.date)),
                               HTML.el("ul", .class("actions")) {
                                   if row.pending {
                                       HTML.el("li") { HTML.el("span", .class("badge")) { HTML.text(ScanState.pendingLabel) } }
                                   } else {
                                       action("Télécharger", .walletDownload(.value(row.id.uuidString)), row.title)
                                   }
                                   action("Renommer", .walletRename(.value(row.id.uuidString)), row.title)
                                   action("Supprimer", .walletDelete(.value(row.id.uuidString)), row.title)
                               }]
                          })
            }
        }
    }

    /// A link whose accessible name says which document it acts on.
    private func action(_ label: String, _ url: SiteURL, _ title: String) -> Component {
        HTML.el("li") {
            HTML.el("a", .href(url)) {
                HTML.text(label)
                HTML.el("span", .class("sr-only")) { HTML.text(" « \(title) »") }
            }
        }
    }
}

/// *Ajouter un document*: up to four files, merged into one PDF by *Valider*.
struct AddDocumentPage: PageView {
    var form = DocumentForm()
    var errors = FieldErrors()
    var filesLost = false

    var title: String { "Ajouter un document" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account), ("Mon porte-documents", .wallet)] }

    static let fileFields = ["fichier1", "fichier2", "fichier3", "fichier4"]

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Fichiers PDF, PNG, GIF ou JPEG. Jusqu'à 4 fichiers, réunis en un seul document PDF de 10 Mo au plus ; une image seule est transformée en PDF.") }
            ErrorSummary(errors: errors)
            if filesLost { Notice(.warning, text: "Pour votre sécurité, les fichiers ne sont pas conservés après une erreur : choisissez-les de nouveau.") }
            PostForm(action: .walletAdd, csrfToken: context.csrfToken, isMultipart: true) {
                HTML.el("fieldset", .class("fieldset files")) {
                    HTML.el("legend", .class("fieldset__legend")) { HTML.text("Fichiers") }
                    for (index, field) in Self.fileFields.enumerated() {
                        HTML.el("div", .class(index == 0 ? "file-slot" : "file-slot file-slot--extra")) {
                            FileInput(name: field, label: index == 0 ? "Premier fichier" : "Fichier \(index + 1)",
                                      hint: index == 0 ? FileInput.documentHint : nil,
                                      error: errors[field], accept: FileInput.documentTypes, isRequired: index == 0)
                        }
                    }
                }
                TextInput(name: "title", label: "Titre", value: form.title, hint: "Par exemple : Carte d'identité (recto et verso)",
                          error: errors["title"], maxLength: DocumentForm.maximumTitle)
                SelectInput(name: "category", label: "Catégorie",
                            choices: DocumentCategory.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                            selected: form.category, error: errors["category"])
                TextAreaInput(name: "note", label: "Note", value: form.note, hint: "Pour vous seul, par exemple une date de validité.",
                              error: errors["note"], isRequired: false, maxLength: DocumentForm.maximumNote, rows: 3)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Valider")
                    ButtonLink(label: "Annuler", url: .wallet, style: .tertiary)
                }
            }
        }
    }
}

/// *Renommer*.
struct RenameDocumentPage: PageView {
    var id: UUID
    var currentTitle: String
    var value: String
    var errors = FieldErrors()

    var title: String { "Renommer le document" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account), ("Mon porte-documents", .wallet)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Titre actuel : « \(currentTitle) ».") }
            ErrorSummary(errors: errors)
            PostForm(action: .walletRename(.value(id.uuidString)), csrfToken: context.csrfToken) {
                TextInput(name: "title", label: "Nouveau titre", value: value, error: errors["title"], maxLength: DocumentForm.maximumTitle)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Renommer")
                    ButtonLink(label: "Annuler", url: .wallet, style: .tertiary)
                }
            }
        }
    }
}

/// *Supprimer*: a confirmation.
struct DeleteDocumentPage: PageView {
    var id: UUID
    var documentTitle: String

    var title: String { "Supprimer le document" }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account), ("Mon porte-documents", .wallet)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            Notice(.warning, text: "Le document « \(documentTitle) » sera supprimé définitivement de votre porte-documents. Les dossiers déjà transmis qui le contiennent ne sont pas touchés.")
            PostForm(action: .walletDelete(.value(id.uuidString)), csrfToken: context.csrfToken) {
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Supprimer le document")
                    ButtonLink(label: "Annuler", url: .wallet, style: .tertiary)
                }
            }
        }
    }
}
