import Foundation
import GuichetCore
@preconcurrency import Plot

/// Resuming a draft saved without an account.
struct ResumePage: PageView {
    var number = ""
    var numberFromLink = false
    var errors = FieldErrors()

    var title: String { "Reprendre une démarche enregistrée" }
    var hasErrors: Bool { !errors.isEmpty }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Saisissez le numéro de télédossier et le mot de passe reçus par courriel lors de l'enregistrement.") }
            ErrorSummary(errors: errors)
            PostForm(action: .resumeByNumber, csrfToken: context.csrfToken) {
                if numberFromLink { HTML.void("input", .type("hidden"), .name("lien"), .value("oui")) }
                TextInput(name: ResumeController.numberField, label: "Numéro de télédossier", value: number,
                          hint: "10 caractères, lettres et chiffres.", error: errors[ResumeController.numberField],
                          autocomplete: "off", maxLength: 20, width: "medium", spellcheck: false)
                TextInput(name: ResumeController.passwordField, label: "Mot de passe", type: "password",
                          hint: "12 caractères, lettres et chiffres.", error: errors[ResumeController.passwordField],
                          autocomplete: "off", maxLength: 30, width: "medium", spellcheck: false)
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Reprendre ma démarche") }
            }
        }
    }
}

/// A saved draft past its 15 days.
struct DraftExpiredPage: PageView {
    var title: String { "Cette démarche enregistrée a expiré" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Une démarche enregistrée est conservée 15 jours après son dernier enregistrement. Ce délai est passé : la démarche et ses pièces jointes ont été supprimées, et rien n'a été transmis.") }
            HTML.el("p") { HTML.text("Pour faire cette démarche, recommencez-la depuis le début.") }
            HTML.el("p") { ButtonLink(label: "Services en ligne et formulaires", url: .catalogue) }
        }
    }
}

/// A resume link of a dossier that has since been transmitted.
struct DraftAlreadySubmittedPage: PageView {
    var title: String { "Cette démarche a déjà été transmise" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Elle ne peut plus être modifiée. Suivez-la avec la référence reçue par courriel lors de sa transmission.") }
            HTML.el("p") { ButtonLink(label: "Suivre une démarche", url: .lookup) }
        }
    }
}

/// After *Transmettre ma demande*.
struct ConfirmationPage: PageView {
    var reference: String
    var procedureTitle: String
    var afterSubmission: String
    var submittedAt: Date
    var organisations: [(name: String, contacts: Contacts)]
    var withAccount: Bool
    /// The person asked for the dossier's address to be copied into their profile.
    var profileUpdated = false
    var whereToAsk: [PublicBody] = []
    var now = Date()

    var title: String { "Votre demande a été transmise" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            Notice(.success) {
                HTML.el("p") { HTML.text("Votre démarche « \(procedureTitle) » a été transmise le \(FrenchDate.withTime(submittedAt)).") }
                HTML.el("p") {
                    HTML.text("Sa référence : ")
                    HTML.el("strong", .class("reference"), .id("reference")) { HTML.text(reference) }
                }
                HTML.el("p") { HTML.text("Un courriel de confirmation avec cette référence vous a été envoyé.") }
                if profileUpdated {
                    HTML.el("p", .id("profil-mis-a-jour")) {
                        HTML.text("Votre profil a été mis à jour avec cette adresse : elle pré-remplira vos prochaines démarches (")
                        HTML.el("a", .href(.profile)) { HTML.text("Mes coordonnées") }
                        HTML.text(").")
                    }
                }
            }
            HTML.el("p") {
                HTML.el("a", .href(.receipt(.value(reference))), Attr("download", "")) {
                    HTML.text("Télécharger le récapitulatif (PDF)")
                }
            }
            HTML.el("h2") { HTML.text("Et ensuite ?") }
            HTML.el("p") { HTML.text(afterSubmission) }
            HTML.el("p") {
                HTML.text(withAccount ? "Suivez l'avancement de votre dossier dans « Mon activité »."
                                      : "Suivez l'avancement de votre dossier avec sa référence sur la page « Suivre une démarche ».")
            }
            HTML.el("p") { ButtonLink(label: withAccount ? "Mon activité" : "Suivre une démarche", url: withAccount ? .activity : .lookup,
                                      style: .secondary) }
            HTML.el("h2") { HTML.text(organisations.count > 1 ? "Les organismes destinataires" : "L'organisme destinataire") }
            HTML.el("p") { HTML.text("Votre demande ne peut plus être modifiée ni annulée sur Guichet. Pour signaler un changement, contactez l'organisme en rappelant la référence \(reference).") }
            for organisation in organisations {
                HTML.el("h3") { HTML.text(organisation.name) }
                ContactsBlock(contacts: organisation.contacts)
            }
            WhereToAsk(bodies: whereToAsk, now: now)
        }
    }
}

/// *Mon activité*.
struct ActivityPage: PageView {
    struct Draft {
        let id: UUID
        let title: String
        let savedAt: Date
        let expiresAt: Date
    }

    struct Submitted {
        let reference: String
        let title: String
        let submittedAt: Date
        let statuses: [(organisation: String, state: TransmissionState)]
    }

    var drafts: [Draft]
    var submitted: [Submitted]
    var notice: PageNotice?

    var title: String { "Mon activité" }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            HTML.el("h2") { HTML.text("Démarches enregistrées") }
            if drafts.isEmpty {
                HTML.el("p") { HTML.text("Aucune démarche enregistrée en attente.") }
            } else {
                HTML.el("p") { HTML.text("Une démarche enregistrée n'est pas transmise. Elle est supprimée 15 jours après son dernier enregistrement.") }
                DataTable(caption: "Démarches enregistrées, de la plus proche de l'expiration à la plus lointaine",
                          headings: ["Démarche", "Enregistrée le", "Expire le", "Action"],
                          rows: drafts.map { draft in
                              [HTML.text(draft.title), HTML.text(FrenchDate.withTime(draft.savedAt)), HTML.text(FrenchDate.withTime(draft.expiresAt)),
                               PostForm(action: .activityComplete(.value(draft.id.uuidString)), csrfToken: context.csrfToken) {
                                   HTML.el("button", .type("submit"), .class("button button--secondary")) {
                                       HTML.text("Compléter")
                                       HTML.el("span", .class("sr-only")) { HTML.text(" « \(draft.title) »") }
                                   }
                               }]
                          })
            }
            HTML.el("h2") { HTML.text("Démarches transmises") }
            if submitted.isEmpty {
                HTML.el("p") { HTML.text("Aucune démarche transmise depuis votre compte.") }
            } else {
                DataTable(caption: "Démarches transmises, de la plus récente à la plus ancienne",
                          headings: ["Référence", "Démarche", "Transmise le", "État par organisme", "Récapitulatif"],
                          rows: submitted.map { dossier in
                              [HTML.el("a", .href(.activityDossier(.value(dossier.reference)))) { HTML.text(dossier.reference) },
                               HTML.text(dossier.title), HTML.text(FrenchDate.withTime(dossier.submittedAt)),
                               HTML.el("ul", .class("plain-list")) {
                                   for status in dossier.statuses {
                                       HTML.el("li") { HTML.text("\(status.organisation) : \(status.state.label)") }
                                   }
                               },
                               HTML.el("a", .href(.receipt(.value(dossier.reference)))) {
                                   HTML.text("PDF")
                                   HTML.el("span", .class("sr-only")) { HTML.text(" récapitulatif \(dossier.reference)") }
                               }]
                          })
            }
            HTML.el("p") { HTML.el("a", .href(.catalogue)) { HTML.text("Faire une nouvelle démarche") } }
        }
    }
}

/// A transmitted dossier: its status with each organisation, their contacts, and (in
/// the account) its history. It can no longer be changed.
struct DossierPage: PageView {
    struct OrganisationStatus {
        let name: String
        let state: TransmissionState
        let message: String?
        let updatedAt: Date
        let contacts: Contacts
    }

    struct Event {
        let date: Date
        let what: String
        let message: String?
    }

    var reference: String
    var title: String
    var submittedAt: Date
    var organisations: [OrganisationStatus]
    var history: [Event]
    var showsReceipt: Bool
    var inAccount: Bool
    var whereToAsk: [PublicBody] = []
    var now = Date()

    var breadcrumb: [(label: String, url: SiteURL)] { inAccount ? [("Mon compte", .account), ("Mon activité", .activity)] : [] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("dl", .class("facts")) {
                HTML.el("dt") { HTML.text("Référence") }
                HTML.el("dd", .class("reference")) { HTML.text(reference) }
                HTML.el("dt") { HTML.text("Transmise le") }
                HTML.el("dd") { HTML.text(FrenchDate.withTime(submittedAt)) }
            }
            if showsReceipt {
                HTML.el("p") { HTML.el("a", .href(.receipt(.value(reference)))) { HTML.text("Télécharger le récapitulatif (PDF)") } }
            }
            Notice(.info, text: "Cette démarche a été transmise : elle ne peut plus être modifiée ni annulée sur Guichet. Pour signaler un changement ou poser une question, contactez l'organisme destinataire en rappelant la référence \(reference).")
            for organisation in organisations {
                HTML.el("section", .class("organisation")) {
                    HTML.el("h2") { HTML.text(organisation.name) }
                    HTML.el("p") {
                        HTML.text("État : ")
                        HTML.el("strong", .class("status status--\(organisation.state.slug)")) { HTML.text(organisation.state.label) }
                        HTML.text(" (depuis le \(FrenchDate.withTime(organisation.updatedAt)))")
                    }
                    if let message = organisation.message, !message.isEmpty {
                        HTML.el("p") { HTML.text("Message de l'organisme : " + message) }
                    }
                    HTML.el("h3") { HTML.text("Contacter \(organisation.name)") }
                    ContactsBlock(contacts: organisation.contacts)
                }
            }
            WhereToAsk(bodies: whereToAsk, now: now)
            if !history.isEmpty {
                HTML.el("h2") { HTML.text("Historique") }
                DataTable(caption: "Historique du dossier", headings: ["Date", "Événement", "Message"],
                          rows: history.map { [HTML.text(FrenchDate.withTime($0.date)), HTML.text($0.what), HTML.text($0.message ?? "")] })
            }
        }
    }
}

/// *Suivre une démarche* by its reference.
struct LookupPage: PageView {
    var reference = ""
    var email = ""
    var errors = FieldErrors()

    var title: String { "Suivre une démarche" }
    var hasErrors: Bool { !errors.isEmpty }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Saisissez la référence reçue lors de la transmission et, pour une démarche faite sans compte, l'adresse électronique indiquée dans la démarche.") }
            ErrorSummary(errors: errors)
            PostForm(action: .lookup, csrfToken: context.csrfToken) {
                TextInput(name: TrackingController.referenceField, label: "Référence", value: reference,
                          hint: "Par exemple : \(DossierReference.example)", error: errors[TrackingController.referenceField],
                          autocomplete: "off", maxLength: 30, width: "medium", spellcheck: false)
                TextInput.email(name: TrackingController.emailField, label: "Adresse électronique", value: email,
                                hint: "Pour une démarche faite sans compte.", error: errors[TrackingController.emailField],
                                isRequired: false)
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Suivre") }
            }
            HTML.el("p") { HTML.el("a", .href(.resumeByNumber)) { HTML.text("Reprendre une démarche enregistrée et non transmise") } }
        }
    }
}
