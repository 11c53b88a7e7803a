import Foundation
import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// *Mon compte*: the signed-in home.
struct AccountHomePage: PageView {
    var name: String
    var identifier: String

    var title: String { "Mon compte" }

    struct Section {
        let title: String
        let text: String
        let url: SiteURL
    }

    static let sections = [
        Section(title: "Mon activité", text: "Vos démarches enregistrées à compléter et le suivi de vos démarches transmises.", url: .activity),
        Section(title: "Mon porte-documents", text: "Vos justificatifs, conservés en PDF pour les joindre à vos démarches.", url: .wallet),
        Section(title: "Mes coordonnées", text: "Civilité, nom, date et lieu de naissance, adresse, téléphones : ils pré-remplissent vos démarches.", url: .profile),
        Section(title: "Mes options", text: "Adresse électronique, mot de passe, connexion avec un code, alertes, suppression du compte.", url: .options),
        Section(title: "Historique de sécurité", text: "Les connexions et les changements faits sur votre compte.", url: .securityLog),
        Section(title: "Mes liaisons de comptes", text: "Les organismes partenaires auxquels votre compte est lié.", url: .accountLinks),
    ]

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) { HTML.text("Bonjour \(name). Vous êtes connecté avec l'identifiant \(identifier).") }
            HTML.el("ul", .class("tiles")) {
                for section in Self.sections {
                    HTML.el("li") {
                        HTML.el("div", .class("tile")) {
                            HTML.el("h2") { HTML.el("a", .href(section.url)) { HTML.text(section.title) } }
                            HTML.el("p") { HTML.text(section.text) }
                        }
                    }
                }
            }
        }
    }
}

/// *Mon profil > Mes coordonnées*.
struct ProfilePage: PageView {
    var form: ProfileForm
    var errors = FieldErrors()
    var identifier: String
    var email: String
    var notice: PageNotice?
    /// La Poste's form of a new address, waiting for *Valider* or the refusal box.
    var proposal: [String]? = nil
    var keepsTyped = false

    var title: String { "Mes coordonnées" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            HTML.el("p") { HTML.text("Ces informations pré-remplissent vos démarches. Les modifier ici ne change rien aux dossiers déjà transmis.") }
            HTML.el("dl", .class("definition-list")) {
                HTML.el("dt") { HTML.text("Identifiant") }
                HTML.el("dd") {
                    HTML.text(identifier)
                    HTML.el("br")
                    HTML.el("span", .class("field__hint")) {
                        HTML.text("L'identifiant ne peut pas être modifié. Pour en utiliser un autre, ")
                        HTML.el("a", .href(.signUp)) { HTML.text("créez un nouveau compte") }
                        HTML.text(".")
                    }
                }
                HTML.el("dt") { HTML.text("Adresse électronique") }
                HTML.el("dd") {
                    HTML.text(email + " ")
                    HTML.el("a", .href(.changeEmail)) {
                        HTML.text("Modifier")
                        HTML.el("span", .class("sr-only")) { HTML.text(" l'adresse électronique") }
                    }
                }
            }
            ErrorSummary(errors: errors)
            PostForm(action: .profile, csrfToken: context.csrfToken, defaultAction: proposal == nil ? nil : "Enregistrer mes coordonnées") {
                HTML.el("h2") { HTML.text("Identité") }
                ChoiceGroup(kind: .radio, name: "civility", legend: "Civilité",
                            choices: Civility.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                            selected: [form.civility], error: errors["civility"], isInline: true)
                TextInput(name: "lastName", label: "Nom", value: form.lastName, error: errors["lastName"], autocomplete: "family-name", maxLength: 100)
                TextInput(name: "firstNames", label: "Prénoms", value: form.firstNames, error: errors["firstNames"], autocomplete: "given-name", maxLength: 100)
                DateInput(name: "birthDate", label: "Date de naissance", value: form.birthDate, error: errors["birthDate"],
                          isRequired: false, autocomplete: "bday")
                TextInput(name: "birthPlace", label: "Lieu de naissance", value: form.birthPlace, hint: "Commune (et pays si vous êtes né à l'étranger).",
                          error: errors["birthPlace"], isRequired: false, maxLength: 100)
                HTML.el("h2") { HTML.text("Adresse postale") }
                HTML.el("p", .class("hint")) { HTML.text("Une nouvelle adresse est vérifiée et mise aux normes de La Poste : vous choisissez entre votre saisie et l'adresse proposée.") }
                if let proposal {
                    AddressProposal(typed: AddressReview.typedLines(DeliveryAddress(profile: Profile(
                                        addressLine1: Text.normalized(form.addressLine1), addressLine2: Text.normalized(form.addressLine2),
                                        postalCode: Text.normalized(form.postalCode), city: Text.normalized(form.city)))),
                                    proposal: proposal, field: AccountProfile.addressField, keepsTyped: keepsTyped)
                }
                TextInput(name: "addressLine1", label: "Numéro et voie", value: form.addressLine1, hint: "Par exemple : 12 rue de la Paix",
                          error: errors["addressLine1"], isRequired: false, autocomplete: "address-line1", maxLength: 100)
                TextInput(name: "addressLine2", label: "Complément d'adresse", value: form.addressLine2, hint: "Bâtiment, étage, lieu-dit…",
                          error: errors["addressLine2"], isRequired: false, autocomplete: "address-line2", maxLength: 100)
                TextInput(name: "postalCode", label: "Code postal", value: form.postalCode, error: errors["postalCode"], isRequired: false,
                          autocomplete: "postal-code", inputMode: "numeric", maxLength: 5, width: "short")
                TextInput(name: "city", label: "Commune", value: form.city, error: errors["city"], isRequired: false,
                          autocomplete: "address-level2", maxLength: 100)
                HTML.el("h2") { HTML.text("Téléphones") }
                TextInput(name: "mobilePhone", label: "Téléphone portable", value: form.mobilePhone, type: "tel",
                          hint: "Par exemple : 06 12 34 56 78", error: errors["mobilePhone"], isRequired: false, autocomplete: "tel", maxLength: 20)
                TextInput(name: "landlinePhone", label: "Téléphone fixe", value: form.landlinePhone, type: "tel",
                          hint: "Par exemple : 01 23 45 67 89", error: errors["landlinePhone"], isRequired: false, maxLength: 20)
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Enregistrer mes coordonnées") }
            }
        }
    }
}

/// *Historique de sécurité*.
struct SecurityLogPage: PageView {
    struct Row {
        let date: Date
        let label: String
        let address: String
    }

    var rows: [Row]
    var title: String { "Historique de sécurité" }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Les connexions, essais manqués et changements de sécurité de votre compte, les plus récents d'abord (un an au plus). Un événement que vous ne reconnaissez pas ? Changez votre mot de passe.") }
            if rows.isEmpty {
                HTML.el("p") { HTML.text("Aucun événement.") }
            } else {
                DataTable(caption: "Événements de sécurité",
                          headings: ["Date", "Événement", "Adresse de connexion"],
                          rows: rows.map { [HTML.text(FrenchDate.withTime($0.date)), HTML.text($0.label), HTML.text($0.address)] })
            }
        }
    }
}

/// *Mon compte > Mes liaisons de comptes* (SPEC §6): the links to partner organisations,
/// which only the organisations can delete; creating one is no longer offered.
struct AccountLinksPage: PageView {
    var links: [AccountLinking.CitizenLink]
    var title: String { "Mes liaisons de comptes" }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) {
                HTML.text("Une liaison de comptes relie votre compte Guichet à votre dossier chez un organisme partenaire.")
            }
            if links.isEmpty {
                HTML.el("p") { HTML.text("Votre compte n'est lié à aucun organisme partenaire.") }
            } else {
                DataTable(caption: "Vos liaisons de comptes", headings: ["Organisme", "Votre dossier chez l'organisme", "Liée depuis le"],
                          rows: links.map { [HTML.text($0.organisationName), HTML.text($0.maskedReference), HTML.text(FrenchDate.long($0.linkedAt))] })
            }
            HTML.el("h2") { HTML.text("Créer une liaison de comptes") }
            HTML.el("p") { HTML.text("La création de liaison n'est plus disponible.") }
            HTML.el("h2") { HTML.text("Supprimer une liaison de comptes") }
            HTML.el("p") { HTML.text("Pour supprimer une liaison de comptes :") }
            HTML.el("ul") {
                HTML.el("li") { HTML.text("connectez-vous directement à votre compte sur le site de l'organisme partenaire ;") }
                HTML.el("li") { HTML.text("ouvrez les options de gestion de la liaison (lien « Gérer ma liaison ») ;") }
                HTML.el("li") { HTML.text("supprimez la liaison. Vous recevrez un courriel de confirmation.") }
            }
            HTML.el("h2") { HTML.text("Ma liaison de comptes ne fonctionne pas") }
            HTML.el("ol") {
                HTML.el("li") { HTML.text("Essayez de vous connecter à votre liaison de comptes à partir d'un autre navigateur.") }
                HTML.el("li") { HTML.text("Si elle ne fonctionne toujours pas, supprimez la liaison depuis le site de l'organisme partenaire, puis recréez-la depuis ce même site.") }
            }
            HTML.el("p") {
                HTML.text("En cas de difficulté, ")
                HTML.el("a", .href(SiteURL.contact)) { HTML.text("écrivez-nous") }
                HTML.text(" en joignant une copie d'écran de l'erreur rencontrée.")
            }
        }
    }
}
