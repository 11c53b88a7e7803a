import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// *Poser votre question* (SPEC §7, labels of seed 000).
struct ContactPage: PageView {
    var form: ContactForm
    var errors: FieldErrors
    var captcha: CaptchaChallenge

    var title: String { "Poser votre question" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Aide", .help)] }

    static let messageHint = "Ne mentionnez pas de données personnelles (nom, adresse, numéros de téléphone, numéro de sécurité sociale, numéro fiscal, lieu et date de naissance…), à l'exception, bien sûr, de votre adresse électronique."

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") {
                HTML.text("Avant d'écrire, consultez l'")
                HTML.el("a", .href(.help)) { HTML.text("aide") }
                HTML.text(" : la réponse s'y trouve peut-être. L'équipe Guichet ne peut pas intervenir sur un dossier transmis à une administration ; pour savoir où en est une demande, contactez l'organisme qui la traite.")
            }
            HTML.el("p") { HTML.text("Les informations demandées sont obligatoires.") }
            ErrorSummary(errors: errors)
            PostForm(action: .contact, csrfToken: context.csrfToken, defaultAction: "Envoyer votre message") {
                HTML.el("h2") { HTML.text("Quelle est votre question ?") }
                SelectInput(name: "subject", label: "Sujet de votre question",
                            choices: ContactSubject.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                            selected: form.subject, error: errors["subject"])
                TextAreaInput(name: "message", label: "Votre message", value: form.message, hint: Self.messageHint,
                              error: errors["message"], maxLength: ContactForm.maxMessageLength)
                HTML.el("h2") { HTML.text("Comment pouvons-nous vous répondre ?") }
                TextInput.email(name: "email", label: "Votre adresse électronique", value: form.email, error: errors["email"])
                TextInput.email(name: "emailConfirmation", label: "Confirmez votre adresse électronique",
                                value: form.emailConfirmation, error: errors["emailConfirmation"])
                TextInput(name: "place", label: "Votre ville ou code postal", value: form.place,
                          hint: "Par exemple : Sainte-Cécile-les-Vignes ou 95200", error: errors["place"],
                          autocomplete: "address-level2", maxLength: ContactForm.maxPlaceLength)
                HTML.el("h2") { HTML.text("Et pour terminer") }
                CaptchaInput(challenge: captcha, error: errors[CaptchaForm.codeField])
                Notice(.info, title: "Protection des données personnelles", headingLevel: 3) {
                    HTML.el("p") {
                        HTML.text("Les informations recueillies par ce formulaire sont traitées par l'équipe Guichet pour répondre à votre question, puis supprimées au bout d'un an. Pour connaître et exercer vos droits, consultez la page ")
                        HTML.el("a", .href(.privacy)) { HTML.text("Données personnelles") }
                        HTML.text(".")
                    }
                }
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Envoyer votre message")
                }
            }
        }
    }
}

/// The confirmation after a question was sent.
struct ContactSentPage: PageView {
    /// The address the acknowledgement went to, when known (it comes from the session).
    var acknowledgedTo: String?

    var title: String { "Votre message a été envoyé" }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Aide", .help)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            Notice(.success, title: nil) {
                HTML.el("h1", .class("notice__title")) { HTML.text(title) }
                HTML.el("p") {
                    if let acknowledgedTo {
                        HTML.text("Un accusé de réception a été envoyé à ")
                        HTML.el("strong") { HTML.text(acknowledgedTo) }
                        HTML.text(". L'équipe Guichet vous répondra à cette adresse.")
                    } else {
                        HTML.text("L'équipe Guichet vous répondra à l'adresse électronique que vous avez indiquée.")
                    }
                }
            }
            HTML.el("p") {
                HTML.text("Vous ne recevez pas l'accusé de réception ? Regardez dans le dossier des courriers indésirables.")
            }
            HTML.el("p") { HTML.el("a", .href(.home)) { HTML.text("Revenir à la page d'accueil") } }
        }
    }
}
