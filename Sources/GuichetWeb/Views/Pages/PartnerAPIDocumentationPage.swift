import Foundation
import GuichetCore
@preconcurrency import Plot

/// `/api`: the partner API explained to the organisations' developers (SPEC §6), in
/// French, with examples to copy. The reference is `/api/v1/openapi.json`; each error
/// code has an anchor here, which the problem documents' `type` points to.
struct PartnerAPIDocumentationPage: PageView {
    let baseURL: String
    let rateLimit: Int

    var title: String { "API des organismes partenaires" }

    private var api: String { baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/api/v1" }

    static let errors: [(code: String, status: Int, meaning: String)] = [
        ("malformed-json", 400, "Le corps n'est pas du JSON valide."),
        ("invalid-cursor", 400, "Le curseur est mal formé : repassez tel quel le next_cursor d'une page (un curseur bien formé qui n'est pas de cette liste donne une page vide)."),
        ("bad-request", 400, "La requête ne peut pas être lue."),
        ("unauthorized", 401, "Clé absente, inconnue, révoquée ou expirée (en-tête WWW-Authenticate: Bearer)."),
        ("read-only-key", 403, "Écriture avec une clé en lecture seule."),
        ("not-found", 404, "Rien de tel pour votre organisme. Un dossier adressé à un autre organisme répond exactement comme une référence qui n'existe pas."),
        ("method-not-allowed", 405, "Méthode inconnue pour cette adresse."),
        ("transition-refused", 409, "L'état demandé est un retour en arrière, ou « traité » pour un dossier qui n'a pas été pris en compte."),
        ("idempotency-key-in-use", 409, "Une requête de même clé d'idempotence est en cours."),
        ("payload-too-large", 413, "Corps de plus de 64 Ko."),
        ("unsupported-media-type", 415, "Le corps n'est pas envoyé en application/json."),
        ("validation-failed", 422, "Valeurs invalides ou champs inconnus : errors[] nomme chaque champ."),
        ("idempotency-key-reused", 422, "La clé d'idempotence a déjà servi pour une autre requête."),
        ("rate-limited", 429, "Limite de requêtes atteinte : attendez le nombre de secondes de Retry-After."),
        ("unavailable", 503, "Service momentanément indisponible : réessayez après Retry-After."),
    ]

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) {
                HTML.text("Votre organisme reçoit les dossiers que les usagers lui transmettent sur Guichet. Avec cette API, votre logiciel les récupère avec leurs pièces jointes, en accuse réception et en signale l'avancement ; l'usager suit son dossier et reçoit vos messages.")
            }
            paragraph("Adresse de l'API : ", code(api), ". Description complète (OpenAPI 3.1) : ", link("openapi.json", api + "/openapi.json"),
                      ". Toutes les dates sont en UTC (RFC 3339), tous les corps en JSON UTF-8.")

            section("cle", "Obtenir une clé") {
                paragraph("Les clés sont créées par l'exploitant du portail, à votre demande, pour un organisme : ",
                          code("guichet partner-key create caf --name \"Logiciel de gestion\""),
                          ". La clé (", code("gk_live_…"), ") n'est affichée qu'une fois ; Guichet n'en garde qu'une empreinte. Une clé peut être en lecture seule (",
                          code("--read-only"), ") ou expirer (", code("--expires-in-days 90"), "). Une clé perdue ou divulguée est révoquée par l'exploitant : demandez-en une autre.")
            }
            section("authentification", "Authentification") {
                paragraph("Chaque requête porte la clé dans l'en-tête ", code("Authorization: Bearer <clé>"), ". Ne la mettez jamais dans une adresse.")
                block("curl -H \"Authorization: Bearer $GUICHET_KEY\" \(api)/dossiers")
            }
            section("dossiers", "Les dossiers") {
                paragraph(code("GET /dossiers"), " liste les dossiers transmis à votre organisme, du plus récent au plus ancien, filtrés par ",
                          code("state"), " (", code("transmis"), ", ", code("pris-en-compte"), ", ", code("en-cours-de-traitement"), ", ", code("traite"),
                          ") et ", code("procedure"), ". ", code("limit"), " va jusqu'à 100. Pour la page suivante, repassez ", code("next_cursor"),
                          " en ", code("cursor"), " : la pagination reste juste quand de nouveaux dossiers arrivent ; ", code("next_cursor"), " vaut null sur la dernière page.")
                block("curl -H \"Authorization: Bearer $GUICHET_KEY\" \"\(api)/dossiers?state=transmis&limit=100\"")
                paragraph(code("GET /dossiers/{référence}"), " donne la démarche, le demandeur tel que le dossier le présente, chaque réponse (étape, champ, libellé, type, valeur brute et valeur en français), les pièces jointes (avec leur empreinte SHA-256), le récapitulatif et l'historique. Les pièces jointes et le récapitulatif se téléchargent en PDF par leur ",
                          code("href"), ". Un dossier envoyé à plusieurs organismes ne donne à chacun que ce qui le concerne.")
            }
            section("suivi", "Accuser réception et signaler l'avancement") {
                paragraph(code("POST /dossiers/{référence}/acknowledge"), " passe le dossier à « pris en compte ». ", code("POST /dossiers/{référence}/status"),
                          " avec ", code("{\"state\": \"en-cours-de-traitement\"}"), " ou ", code("{\"state\": \"traite\", \"message\": \"…\"}"),
                          " le fait avancer ; le message (2 000 caractères au plus) est montré à l'usager et lui est envoyé par courriel. Un dossier ne revient jamais en arrière (409), et il doit être pris en compte avant d'être traité ; il peut passer directement de transmis à en cours de traitement. Un nouveau message dans le même état est inscrit et envoyé à l'usager. Chaque changement est inscrit dans l'historique au nom de votre clé.")
                block("curl -X POST -H \"Authorization: Bearer $GUICHET_KEY\" -H \"Content-Type: application/json\" \\\n     -H \"Idempotency-Key: 5f0c2a8e-traite\" \\\n     -d '{\"state\": \"traite\", \"message\": \"Votre acte vous a été envoyé par courrier.\"}' \\\n     \(api)/dossiers/A-1-7KQ2M9XHC/status")
                paragraph("Répéter une demande ne change rien : un dossier déjà dans l'état demandé répond cet état avec ", code("\"changed\": false"),
                          ". Avec l'en-tête ", code("Idempotency-Key"), ", la première réponse est rejouée à l'identique pendant 24 heures ; la même clé avec un autre corps est refusée (422).")
            }
            section("evenements", "Le flux des événements") {
                paragraph(code("GET /events?after=<numéro>"), " rend, dans l'ordre, ce qui est arrivé à vos dossiers et liaisons : ",
                          code("dossier.transmitted"), ", ", code("dossier.status_changed"), " (et par qui), ", code("account_link.deleted"),
                          ". Les numéros se suivent sans trou pour votre organisme : gardez le dernier traité et repartez de ", code("next_after"),
                          " ; rien n'est manqué, même si votre logiciel s'est arrêté.")
                block("curl -H \"Authorization: Bearer $GUICHET_KEY\" \"\(api)/events?after=41\"")
            }
            section("webhooks", "Les webhooks") {
                paragraph("Pour être prévenu sans interroger l'API, demandez à l'exploitant un webhook : ", code("guichet partner-webhook set caf https://exemple.fr/guichet"),
                          ". Il affiche une seule fois le secret de signature (", code("whsec_…"), "). Chaque événement du flux est envoyé en POST, dans l'ordre, avec les en-têtes ",
                          code("Guichet-Event-Id"), " et ", code("Guichet-Signature: t=<secondes Unix>,v1=<HMAC-SHA256 hexadécimal>"),
                          ". Répondez 2xx rapidement. Sans réponse, ou sur une réponse 5xx ou 429, l'envoi est répété avec un délai croissant pendant 24 heures, et les événements suivants attendent ; une autre réponse 4xx n'est pas répétée. Le flux garde tout : en cas de doute, relisez-le. L'adresse doit être en https et publique.")
                paragraph("Vérifiez la signature avant tout traitement : calculez le HMAC-SHA256 de ", code("<t>.<corps reçu>"), " avec le secret et comparez-le en temps constant ; refusez un ", code("t"), " de plus de 5 minutes.")
                block("""
                import hashlib, hmac, time

                def signature_valide(secret: str, entete: str, corps: bytes, tolerance: int = 300) -> bool:
                    parties = dict(p.split("=", 1) for p in entete.split(",") if "=" in p)
                    try:
                        t = int(parties.get("t", ""))
                    except ValueError:
                        return False
                    if abs(time.time() - t) > tolerance:
                        return False
                    attendu = hmac.new(secret.encode(), f"{t}.".encode() + corps, hashlib.sha256).hexdigest()
                    return hmac.compare_digest(attendu, parties.get("v1", ""))
                """)
            }
            section("liaisons", "Les liaisons de comptes") {
                paragraph(code("GET /account-links"), " liste les liaisons entre des comptes Guichet et vos propres références ; ",
                          code("DELETE /account-links/{id}"), " en supprime une : elle disparaît de la liste de l'usager, qui est prévenu par courriel.")
            }
            section("limites", "Limites") {
                paragraph("Chaque clé peut faire \(rateLimit) requêtes par minute ; chaque réponse donne ", code("RateLimit-Limit"), ", ", code("RateLimit-Remaining"),
                          " et ", code("RateLimit-Reset"), ". Au-delà : 429 avec ", code("Retry-After"), ". Un corps de requête est limité à 64 Ko.")
            }
            section("erreurs", "Les erreurs") {
                paragraph("Les erreurs sont des documents ", code("application/problem+json"), " (RFC 9457) avec un ", code("code"),
                          " stable, pour vos programmes, et pour une saisie invalide, ", code("errors"), " qui nomme chaque champ.")
                HTML.el("table", .class("table")) {
                    HTML.el("caption", .class("sr-only")) { HTML.text("Codes d'erreur") }
                    HTML.el("thead") {
                        HTML.el("tr") {
                            for heading in ["Code", "Statut", "Signification"] { HTML.el("th", Attr("scope", "col")) { HTML.text(heading) } }
                        }
                    }
                    HTML.el("tbody") {
                        for error in Self.errors {
                            HTML.el("tr", .id(error.code)) {
                                HTML.el("td") { HTML.el("code") { HTML.text(error.code) } }
                                HTML.el("td") { HTML.text(String(error.status)) }
                                HTML.el("td") { HTML.text(error.meaning) }
                            }
                        }
                    }
                }
            }
        }
    }

    private func section(_ id: String, _ heading: String, @ComponentBuilder _ body: () -> Component) -> Component {
        HTML.el("section", Attr("aria-labelledby", "api-\(id)")) {
            HTML.el("h2", .id("api-\(id)")) { HTML.text(heading) }
            body()
        }
    }

    /// A run of a paragraph: text as a string literal, or code and links.
    private struct Run: ExpressibleByStringInterpolation {
        let component: Component

        init(_ component: Component) { self.component = component }
        init(stringLiteral text: String) { component = HTML.text(text) }
        init(stringInterpolation: DefaultStringInterpolation) { component = HTML.text(String(stringInterpolation: stringInterpolation)) }
    }

    private func paragraph(_ runs: Run...) -> Component {
        HTML.el("p") { ComponentGroup(members: runs.map(\.component)) }
    }

    private func code(_ text: String) -> Run { Run(HTML.el("code") { HTML.text(text) }) }

    private func link(_ label: String, _ url: String) -> Run { Run(HTML.el("a", .href(url)) { HTML.text(label) }) }

    private func block(_ text: String) -> Component {
        HTML.el("pre", .class("code")) { HTML.el("code") { HTML.text(text) } }
    }
}
