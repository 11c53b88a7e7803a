import Foundation
import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// One step of a procedure.
struct StepPage: PageView {
    var procedure: Procedure
    var index: Int
    var answers: Answers
    var errors: FieldErrors
    var attachments: [String: ProcedureFieldInput.AttachmentContext]
    var fromSummary: Bool
    var filesLost: Bool

    private var step: Step { procedure.steps[index] }
    var title: String { "\(step.title) – étape \(index + 1) sur \(procedure.steps.count)" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Services en ligne et formulaires", .catalogue)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("p", .class("procedure-title")) { HTML.text(procedure.title + (procedure.cerfaLabel.map { " (\($0))" } ?? "")) }
            HTML.el("h1") {
                HTML.el("span", .class("step-count")) { HTML.text("Étape \(index + 1) sur \(procedure.steps.count) : ") }
                HTML.text(step.title)
            }
            HTML.el("ol", .class("steps"), .aria("label", "Étapes de la démarche")) {
                for (position, each) in procedure.steps.enumerated() {
                    HTML.el("li", .class(position == index ? "steps__item steps__item--current" : "steps__item"),
                            .aria("current", position == index ? "step" : nil)) { HTML.text(each.title) }
                }
                HTML.el("li", .class("steps__item")) { HTML.text("Récapitulatif") }
            }
            ErrorSummary(errors: errors)
            if filesLost {
                Notice(.warning, text: "Pour votre sécurité, les fichiers envoyés ne sont pas conservés quand la page contient une erreur : choisissez-les de nouveau.")
            }
            if let intro = step.intro { HTML.el("p") { HTML.text(intro) } }
            HTML.el("p", .class("hint")) { HTML.text("Sauf mention « facultatif », tous les champs sont obligatoires.") }
            PostForm(action: .fillStep(.value(String(index + 1))), csrfToken: context.csrfToken, isMultipart: step.hasAttachments,
                     defaultAction: "Continuer") {
                if fromSummary { HTML.void("input", .type("hidden"), .name("retour"), .value("recapitulatif")) }
                for field in step.fields {
                    ProcedureFieldInput(field: field, answer: answers[field.id], errors: errors,
                                        attachment: attachments[field.id] ?? .init())
                }
                HTML.el("div", .class("form-actions")) {
                    if index > 0 && !fromSummary {
                        ActionButton(label: "Précédent", style: .secondary, name: "_action", value: DossierFilling.Action.previous.rawValue)
                    }
                    ActionButton(label: fromSummary ? "Valider et revenir au récapitulatif" : "Continuer",
                                 name: "_action", value: DossierFilling.Action.next.rawValue)
                    if procedure.savingOffered {
                        ActionButton(label: "Enregistrer", style: .secondary, name: "_action", value: DossierFilling.Action.save.rawValue)
                    }
                }
            }
            if procedure.savingOffered {
                HTML.el("p", .class("hint")) { HTML.text("« Enregistrer » garde vos réponses 15 jours sans transmettre la démarche.") }
            }
            HTML.el("p") { HTML.el("a", .href(.fillAbandon)) { HTML.text("Abandonner cette démarche") } }
        }
    }
}

/// *Récapitulatif*: every answer, *Modifier* for each step, then *Transmettre ma demande*.
struct SummaryPage: PageView {
    var procedure: Procedure
    var dossierID: UUID
    var steps: [StepSummary]
    var incompleteSteps: Set<Int>
    var recipients: [String]
    var canSave: Bool
    var problem: String?

    var title: String { "Récapitulatif de votre demande" }
    var hasErrors: Bool { problem != nil }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Services en ligne et formulaires", .catalogue)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("p", .class("procedure-title")) { HTML.text(procedure.title) }
            HTML.el("h1") { HTML.text(title) }
            if let problem { Notice(.warning, title: "Votre demande n'a pas été transmise", text: problem) }
            if !incompleteSteps.isEmpty {
                Notice(.warning, title: "Votre demande est incomplète") {
                    HTML.el("ul") {
                        for index in incompleteSteps.sorted() {
                            HTML.el("li") {
                                HTML.el("a", .href(SiteURL.fillStep(.value(String(index + 1))).with([("retour", "recapitulatif")]))) {
                                    HTML.text("Compléter l'étape « \(procedure.steps[index].title) »")
                                }
                            }
                        }
                    }
                }
            } else {
                HTML.el("p") { HTML.text("Vérifiez vos réponses. Une fois transmise, votre demande ne pourra plus être modifiée ni annulée.") }
            }
            for step in steps {
                HTML.el("section", .class("summary-step"), .aria("labelledby", "etape-\(step.index + 1)")) {
                    HTML.el("h2", .id("etape-\(step.index + 1)")) { HTML.text(step.title) }
                    if incompleteSteps.contains(step.index) {
                        HTML.el("p", .class("field__error")) { HTML.text("Cette étape est incomplète.") }
                    }
                    HTML.el("dl", .class("summary-list")) {
                        for line in step.lines {
                            HTML.el("dt") { HTML.text(line.label) }
                            HTML.el("dd") {
                                for (position, value) in line.value.enumerated() {
                                    if position > 0 { HTML.void("br") }
                                    HTML.text(value)
                                }
                            }
                        }
                    }
                    HTML.el("p") {
                        HTML.el("a", .href(SiteURL.fillStep(.value(String(step.index + 1))).with([("retour", "recapitulatif")]))) {
                            HTML.text("Modifier")
                            HTML.el("span", .class("sr-only")) { HTML.text(" l'étape « \(step.title) »") }
                        }
                    }
                }
            }
            if incompleteSteps.isEmpty {
                if !recipients.isEmpty {
                    HTML.el("p") { HTML.text("Votre demande sera transmise à : \(recipients.joined(separator: ", ")).") }
                }
                PostForm(action: .fillSubmit, csrfToken: context.csrfToken) {
                    HTML.void("input", .type("hidden"), .name(SubmissionController.dossierField), .value(dossierID.uuidString))
                    ActionButton(label: "Transmettre ma demande")
                }
            }
            if canSave {
                PostForm(action: .fillSave, csrfToken: context.csrfToken) {
                    ActionButton(label: "Enregistrer sans transmettre", style: .secondary)
                }
            }
            HTML.el("p") { HTML.el("a", .href(.fillAbandon)) { HTML.text("Abandonner cette démarche") } }
        }
    }
}

/// SPEC §4, one procedure at a time: another dossier is in progress.
struct ConflictPage: PageView {
    var current: Procedure
    var next: String
    var canSave: Bool

    var title: String { "Vous avez une démarche en cours" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Vous avez commencé la démarche « \(current.title) » sans la transmettre. On ne fait qu'une démarche à la fois : que voulez-vous faire avant d'ouvrir « \(next) » ?") }
            PostForm(action: .fillConflict, csrfToken: context.csrfToken) {
                HTML.el("div", .class("choice-actions")) {
                    ActionButton(label: "Continuer « \(current.title) »", name: "_action", value: "continuer")
                    if canSave {
                        ActionButton(label: "Enregistrer « \(current.title) » et commencer la nouvelle démarche", style: .secondary,
                                     name: "_action", value: "enregistrer")
                    }
                    ActionButton(label: "Abandonner « \(current.title) » et commencer la nouvelle démarche", style: .secondary,
                                 name: "_action", value: "abandonner")
                }
            }
            if canSave {
                HTML.el("p", .class("hint")) { HTML.text("Une démarche enregistrée est conservée 15 jours. Une démarche abandonnée est supprimée avec ses pièces jointes.") }
            }
        }
    }
}

/// *Abandonner*: a confirmation.
struct AbandonPage: PageView {
    var procedure: Procedure
    var wasSaved: Bool

    var title: String { "Abandonner la démarche" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            Notice(.warning, text: "Vos réponses à la démarche « \(procedure.title) » et leurs pièces jointes seront supprimées\(wasSaved ? ", y compris la version enregistrée" : ""). Rien n'a été transmis.")
            PostForm(action: .fillAbandon, csrfToken: context.csrfToken) {
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Abandonner la démarche")
                    ButtonLink(label: "Revenir à la démarche", url: .fillSummary, style: .tertiary)
                }
            }
        }
    }
}

/// A first *Enregistrer* without an account: where to send the resume details.
struct SaveWithoutAccountPage: PageView {
    var procedure: Procedure
    var email: String
    var errors = FieldErrors()
    var captcha: CaptchaChallenge

    var title: String { "Enregistrer votre démarche" }
    var hasErrors: Bool { !errors.isEmpty }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("p", .class("procedure-title")) { HTML.text(procedure.title) }
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Vous recevrez par courriel un lien, un numéro de télédossier et un mot de passe pour reprendre votre démarche dans les 15 jours. Le lien seul ne suffit pas : gardez ce courriel pour vous.") }
            ErrorSummary(errors: errors)
            PostForm(action: .fillSave, csrfToken: context.csrfToken) {
                TextInput.email(name: DossierSaving.emailField, label: "Votre adresse électronique", value: email,
                                error: errors[DossierSaving.emailField])
                CaptchaInput(challenge: captcha, error: errors[CaptchaForm.codeField])
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Enregistrer")
                    ButtonLink(label: "Revenir à la démarche", url: .fillSummary, style: .tertiary)
                }
            }
        }
    }
}

/// After *Enregistrer*.
struct DraftSavedPage: PageView {
    var procedure: Procedure
    var until: Date
    var withAccount: Bool
    var number: String?
    var email: String?

    var title: String { "Votre démarche est enregistrée" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            Notice(.success, text: "La démarche « \(procedure.title) » est enregistrée jusqu'au \(FrenchDate.withTime(until)). Elle n'a pas été transmise.")
            if withAccount {
                HTML.el("p") { HTML.text("Retrouvez-la dans « Mon activité » et terminez-la avec « Compléter ». Passé ce délai, elle sera supprimée.") }
                HTML.el("p") { ButtonLink(label: "Mon activité", url: .activity) }
            } else {
                if let number {
                    HTML.el("p") {
                        HTML.text("Votre numéro de télédossier : ")
                        HTML.el("strong", .class("reference")) { HTML.text(number) }
                    }
                }
                HTML.el("p") { HTML.text("Un courriel vient d'être envoyé\(email.map { " à \($0)" } ?? "") avec le lien pour reprendre votre démarche\(number == nil ? "" : " et son mot de passe"). Passé ce délai, elle sera supprimée et il faudra recommencer.") }
            }
        }
    }
}
