import Foundation
import GuichetCore
@preconcurrency import Plot

/// *Services en ligne et formulaires* and the audience pages (*Particuliers*…): a search
/// form that works without JavaScript (GET) and the matching procedures.
struct CataloguePage: PageView {
    struct Entry {
        let procedure: Procedure
        let processedBy: [String]
    }

    var audiencePage: Audience?
    var query: ProcedureCatalog.Query
    var typed: String
    var results: [Entry]
    var notice: PageNotice?

    var title: String { audiencePage?.label ?? "Services en ligne et formulaires" }
    var breadcrumb: [(label: String, url: SiteURL)] { audiencePage == nil ? [] : [("Services en ligne et formulaires", .catalogue)] }

    func content(_ context: PageContext) -> Component {
        let action = audiencePage.map { SiteURL.audience($0) } ?? .catalogue
        return ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            HTML.el("p") {
                HTML.text(audiencePage == nil
                          ? "Faites vos démarches en ligne ou téléchargez les formulaires à imprimer."
                          : "Les démarches en ligne et formulaires destinés aux \(audiencePage!.label.lowercased()).")
            }
            if audiencePage == nil {
                HTML.el("ul", .class("link-list link-list--inline")) {
                    for audience in Audience.allCases {
                        HTML.el("li") { HTML.el("a", .href(.audience(audience))) { HTML.text(audience.label) } }
                    }
                }
            }
            HTML.el("form", Attr("method", "get"), Attr("action", action.path), Attr("role", "search"), .class("catalogue-search")) {
                TextInput(name: "q", label: "Rechercher une démarche ou un formulaire", value: typed,
                          hint: "Par exemple : listes électorales, acte de naissance, 12669", isRequired: false, maxLength: 200)
                SelectInput(name: "nature", label: "Nature", choices: ProcedureNature.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                            selected: query.nature?.rawValue ?? "", isRequired: false, placeholder: "Toutes")
                SelectInput(name: "theme", label: "Thème", choices: ProcedureTheme.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                            selected: query.theme?.rawValue ?? "", isRequired: false, placeholder: "Tous")
                if audiencePage == nil {
                    SelectInput(name: "public", label: "Public", choices: Audience.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                                selected: query.audience?.rawValue ?? "", isRequired: false, placeholder: "Tous")
                }
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Rechercher") }
            }
            HTML.el("div", Attr("role", "status")) {
                HTML.el("h2", .id("resultats")) {
                    HTML.text(results.isEmpty ? "Aucun résultat" : Text.counted(results.count, "résultat"))
                }
            }
            if results.isEmpty {
                HTML.el("p") { HTML.text("Aucune démarche ne correspond à votre recherche. Essayez d'autres mots ou retirez un filtre.") }
            } else {
                HTML.el("ul", .class("procedure-list"), .aria("labelledby", "resultats")) {
                    for entry in results { card(entry) }
                }
            }
        }
    }

    private func card(_ entry: Entry) -> Component {
        let procedure = entry.procedure
        return HTML.el("li", .class("procedure-card")) {
            HTML.el("h3") { HTML.el("a", .href(.procedure(.value(procedure.id)))) { HTML.text(procedure.title) } }
            HTML.el("p") { HTML.text(procedure.description) }
            HTML.el("p", .class("procedure-card__facts")) {
                HTML.el("span", .class("tag")) { HTML.text(procedure.nature.label) }
                if let cerfa = procedure.cerfaLabel { HTML.el("span", .class("tag")) { HTML.text(cerfa) } }
                if !procedure.available { HTML.el("span", .class("tag tag--soon")) { HTML.text("Bientôt disponible") } }
                HTML.text(" Traitée par : " + entry.processedBy.joined(separator: ", ") + ".")
            }
        }
    }
}

/// A procedure's page: what it is, who processes it, whether an account is needed,
/// and how to start it (or download the form).
struct ProcedurePage: PageView {
    var procedure: Procedure
    var processedBy: [String]
    var organisations: [Organisation]
    var isSignedIn: Bool
    /// *Où s'informer*: the bodies serving the signed-in person's commune.
    var whereToAsk: [PublicBody] = []
    var now = Date()

    var title: String { procedure.title }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Services en ligne et formulaires", .catalogue)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) { HTML.text(procedure.description) }
            HTML.el("dl", .class("facts")) {
                fact("Nature", procedure.nature.label + (procedure.cerfaLabel.map { " (\($0))" } ?? ""))
                fact("Thèmes", procedure.themes.map(\.label).joined(separator: ", "))
                fact("Public", procedure.audiences.map(\.label).joined(separator: ", "))
                fact(processedBy.count > 1 ? "Organismes destinataires" : "Organisme destinataire", processedBy.joined(separator: ", "))
                if procedure.nature.isFilledOnline {
                    fact("Compte", procedure.accountRequired ? "Un compte Guichet est nécessaire." : "Pas besoin de compte.")
                    fact("Enregistrement", procedure.savingOffered
                         ? "Vous pouvez enregistrer votre démarche et la reprendre dans les 15 jours."
                         : "Cette démarche se fait en une fois.")
                }
            }
            action(context)
            WhereToAsk(bodies: whereToAsk, now: now)
            if !organisations.isEmpty {
                HTML.el("h2") { HTML.text("Contacter l'organisme") }
                for organisation in organisations {
                    HTML.el("h3") { HTML.text(organisation.name) }
                    ContactsBlock(contacts: organisation.contacts)
                }
            }
        }
    }

    private func action(_ context: PageContext) -> Component {
        if !procedure.available {
            return Notice(.info, title: "Bientôt disponible", text: "Cette démarche n'est pas encore proposée sur Guichet. Elle le sera prochainement.")
        }
        if procedure.nature == .blankForm {
            return ComponentGroup {
                HTML.el("p") { HTML.text("Imprimez ce formulaire, remplissez-le à la main, puis remettez-le ou envoyez-le à l'organisme destinataire.") }
                HTML.el("p") { ButtonLink(label: "Télécharger le formulaire (PDF)", url: .blankForm(.value(procedure.id))) }
            }
        }
        if procedure.accountRequired, !isSignedIn {
            let back = SiteURL.procedure(.value(procedure.id)).path
            return Notice(.info, title: "Connectez-vous pour faire cette démarche") {
                HTML.el("p") { HTML.text("Cette démarche se fait depuis votre compte : vos informations sont pré-remplies et vous suivez votre dossier dans « Mon activité ».") }
                HTML.el("p", .class("form-actions")) {
                    HTML.el("a", .href(SiteURL.signIn.with([("retour", back)])), .class("button button--primary")) { HTML.text("Se connecter") }
                    HTML.el("a", .href(.signUp), .class("button button--secondary")) { HTML.text("Créer un compte") }
                }
            }
        }
        return PostForm(action: .procedureStart(.value(procedure.id)), csrfToken: context.csrfToken) {
            ActionButton(label: "Commencer la démarche")
        }
    }

    private func fact(_ label: String, _ value: String) -> Component {
        ComponentGroup {
            HTML.el("dt") { HTML.text(label) }
            HTML.el("dd") { HTML.text(value) }
        }
    }
}

/// *Contacter un organisme partenaire*: each organisation, its help and contacts.
struct PartnersPage: PageView {
    var organisations: [Organisation]

    var title: String { "Contacter un organisme partenaire" }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Aide", .help)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Guichet transmet vos démarches ; leur traitement relève de l'organisme destinataire. Pour une question sur votre dossier, adressez-vous à lui en rappelant la référence de votre démarche.") }
            HTML.el("p") { HTML.text("Les mairies sont jointes à l'adresse et aux horaires indiqués sur la page de suivi de votre dossier.") }
            for organisation in organisations {
                HTML.el("section", .class("organisation"), .aria("labelledby", "organisme-" + organisation.id)) {
                    HTML.el("h2", .id("organisme-" + organisation.id)) { HTML.text(organisation.name) }
                    HTML.el("p", .class("organisation__kind")) { HTML.text(organisation.kind) }
                    for paragraph in organisation.help { HTML.el("p") { HTML.text(paragraph) } }
                    ContactsBlock(contacts: organisation.contacts)
                }
            }
        }
    }
}
