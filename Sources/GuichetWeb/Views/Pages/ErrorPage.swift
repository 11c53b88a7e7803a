@preconcurrency import Plot
import Vapor

/// The French page for any error, with the incident reference to quote to support.
struct ErrorPage: PageView {
    let status: HTTPResponseStatus
    let detail: String?
    let incident: String

    var title: String {
        switch status.code {
        case 400: "Demande incorrecte"
        case 401: "Authentification requise"
        case 403: "Accès refusé"
        case 404: "Page introuvable"
        case 405: "Action non autorisée"
        case 413: "Envoi trop volumineux"
        case 415: "Format non pris en charge"
        case 422: "Demande illisible"
        case 429: "Trop de demandes"
        case 503: "Service momentanément indisponible"
        default: status.code >= 500 ? "Erreur technique" : "Demande impossible"
        }
    }

    var explanation: String {
        if let detail { return detail }
        switch status.code {
        case 400: return "La demande reçue est incomplète ou mal formée. Revenez à la page précédente et recommencez."
        case 401: return "Vous devez vous identifier pour accéder à cette page."
        case 403: return "Vous n'avez pas accès à cette page."
        case 404: return "La page demandée n'existe pas ou n'existe plus. Vérifiez l'adresse saisie ou repartez de la page d'accueil."
        case 405: return "Cette action n'est pas possible sur cette page."
        case 413: return "Les données envoyées dépassent la taille autorisée. Réduisez-les puis recommencez."
        case 415: return "Le format des données envoyées n'est pas pris en charge."
        case 429: return WebError.tooManyRequests(retryAfterSeconds: 0).reason
        case 503: return "Le service est momentanément indisponible. Réessayez dans quelques minutes."
        default: return "Une erreur technique nous empêche de traiter votre demande. Vos données déjà enregistrées ne sont pas perdues. Réessayez dans quelques minutes."
        }
    }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) { HTML.text(explanation) }
            HTML.el("p") {
                HTML.text("Référence de l'incident : ")
                HTML.el("strong") { HTML.text(incident) }
                HTML.text(" (à indiquer si vous contactez l'équipe Guichet).")
            }
            HTML.el("ul") {
                HTML.el("li") { HTML.el("a", .href(.home)) { HTML.text("Revenir à la page d'accueil") } }
                HTML.el("li") { HTML.el("a", .href(.help)) { HTML.text("Consulter l'aide") } }
                HTML.el("li") { HTML.el("a", .href(.contact)) { HTML.text("Poser votre question") } }
            }
        }
    }
}
