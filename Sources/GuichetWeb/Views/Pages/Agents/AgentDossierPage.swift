import Foundation
import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// A dossier in the inbox: what was asked, who asked, the documents, the history and
/// (for instructors) the moves the state allows.
struct AgentDossierPage: PageView {
    var agent: Agent
    var detail: PartnerDossiers.Detail
    var notice: PageNotice?

    var title: String { "Dossier \(detail.reference)" }
    var space: SiteSpace { .agents(agent) }
    var breadcrumb: [(label: String, url: SiteURL)] { [] }

    func content(_ context: PageContext) -> Component {
        let applicant = detail.applicant
        return ComponentGroup {
            HTML.el("p") { HTML.el("a", .href(.agentInbox)) { HTML.text("← Retour aux dossiers reçus") } }
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            HTML.el("dl", .class("facts")) {
                fact("Démarche", detail.procedure.title)
                fact("Référence", detail.reference)
                fact("Transmis le", FrenchDate.withTime(detail.transmittedAt))
                fact("État", "\(detail.state.label) (depuis le \(FrenchDate.withTime(detail.stateUpdatedAt)))")
                if let message = detail.message { fact("Dernier message à l'usager", message) }
            }
            actions()
            HTML.el("h2") { HTML.text("Demandeur") }
            HTML.el("dl", .class("facts")) {
                fact("Nom", [applicant.civility, applicant.lastName?.uppercased(), applicant.firstNames].compactMap { $0 }.joined(separator: " "))
                if let email = applicant.email { fact("Adresse électronique", email) }
                if let phone = applicant.phone { fact("Téléphone", phone) }
                fact("Compte Guichet", applicant.hasAccount ? "Oui" : "Non (démarche faite sans compte)")
            }
            HTML.el("h2") { HTML.text("Réponses") }
            for (step, answers) in Dictionary(grouping: detail.answers, by: \.step).sorted(by: { $0.key < $1.key }) {
                HTML.el("h3") { HTML.text("Étape \(step) : \(answers.first?.stepTitle ?? "")") }
                HTML.el("dl", .class("facts")) {
                    for answer in answers {
                        HTML.el("dt") { HTML.text(answer.label) }
                        HTML.el("dd") {
                            if answer.display.isEmpty { HTML.text("Non renseigné") }
                            for (index, line) in answer.display.enumerated() {
                                if index > 0 { HTML.void("br") }
                                HTML.text(line)
                            }
                        }
                    }
                }
            }
            HTML.el("h2") { HTML.text("Documents") }
            HTML.el("ul") {
                HTML.el("li") { HTML.el("a", .href(.agentReceipt(.value(detail.reference)))) { HTML.text("Récapitulatif de la demande (PDF)") } }
                for attachment in detail.attachments {
                    HTML.el("li") {
                        HTML.el("a", .href(.agentAttachment(.value(detail.reference), .value(attachment.id.uuidString.lowercased())))) {
                            HTML.text("\(attachment.title) (PDF, \(Text.counted(attachment.pages, "page")))")
                        }
                    }
                }
            }
            HTML.el("h2") { HTML.text("Historique") }
            DataTable(caption: "Historique du dossier, du plus ancien au plus récent", headings: ["Date", "Par", "Événement", "Message"],
                      rows: detail.history.map { item in [
                          HTML.text(FrenchDate.withTime(item.at)),
                          HTML.text(item.actor?.label ?? "—"),
                          HTML.text(item.previousState == item.state ? "Message (« \(item.state.label) »)" : item.state.label),
                          HTML.text(item.message ?? ""),
                      ] })
        }
    }

    private func fact(_ term: String, _ value: String) -> Component {
        ComponentGroup {
            HTML.el("dt") { HTML.text(term) }
            HTML.el("dd") { HTML.text(value) }
        }
    }

    private func actions() -> Component {
        let available = InboxAction.available(from: detail.state)
        guard !available.isEmpty else { return EmptyComponent() }
        guard agent.role.mayAct else {
            return HTML.el("p") { HTML.text("Votre rôle « \(agent.role.label) » permet de consulter et d'exporter ce dossier, pas de le faire avancer.") }
        }
        return HTML.el("section", .aria("labelledby", "actions")) {
            HTML.el("h2", .id("actions")) { HTML.text("Faire avancer le dossier") }
            HTML.el("ul", .class("actions")) {
                for action in available {
                    HTML.el("li") {
                        HTML.el("a", .href(.agentAction(.value(detail.reference), .value(action.rawValue))), .class("button button--primary")) {
                            HTML.text(action.label)
                        }
                    }
                }
            }
        }
    }
}

/// The confirmation of a move, with the message to the citizen.
struct AgentActionPage: PageView {
    var agent: Agent
    var detail: PartnerDossiers.Detail
    var action: InboxAction
    var message = ""
    var errors = FieldErrors()

    var title: String { "\(action.label) – dossier \(detail.reference)" }
    var hasErrors: Bool { !errors.isEmpty }
    var space: SiteSpace { .agents(agent) }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            ErrorSummary(errors: errors)
            HTML.el("p") {
                HTML.text("Le dossier « \(detail.procedure.title) » passera de « \(detail.state.label) » à « \(action.target.label) ». L'usager en est averti par courriel s'il a gardé les alertes de suivi.")
            }
            PostForm(action: .agentAction(.value(detail.reference), .value(action.rawValue)), csrfToken: context.csrfToken) {
                TextAreaInput(name: "message", label: "Message à l'usager", value: message,
                              hint: action.requiresMessage ? "Obligatoire pour clore le dossier : ce qui a été décidé ou fait, et la suite éventuelle."
                                                           : "Facultatif. Il sera affiché sur la page de son dossier et envoyé par courriel.",
                              error: errors["message"], isRequired: action.requiresMessage, maxLength: TrackingMessage.maximumLength)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Confirmer : \(action.label.lowercased())")
                    HTML.el("a", .href(.agentDossier(.value(detail.reference))), .class("button button--tertiary")) { HTML.text("Annuler") }
                }
            }
        }
    }
}
