import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Services en ligne et formulaires* (SPEC §3): search, the audience pages, each
/// procedure's page, blank forms, and *Contacter un organisme partenaire* (§6).
enum CatalogueController {
    @Sendable static func index(req: Request) async throws -> Response {
        try render(req, audiencePage: nil)
    }

    @Sendable static func audience(_ audience: Audience) -> @Sendable (Request) async throws -> Response {
        { req in try render(req, audiencePage: audience) }
    }

    private static func render(_ req: Request, audiencePage: Audience?) throws -> Response {
        let parameters = (try? req.query.decode([String: String].self)) ?? [:]
        let typed = String((parameters["q"] ?? "").prefix(200))
        let query = ProcedureCatalog.Query(text: typed,
                                           nature: parameters["nature"].flatMap(ProcedureNature.init(rawValue:)),
                                           theme: parameters["theme"].flatMap(ProcedureTheme.init(rawValue:)),
                                           audience: audiencePage ?? parameters["public"].flatMap(Audience.init(rawValue:)))
        let catalogue = req.guichet.procedures
        let results = catalogue.search(query)
        let notice = req.session.takeFlash("catalogue").map { PageNotice(kind: .success, text: $0) }
        return req.render(CataloguePage(audiencePage: audiencePage, query: query, typed: typed, results: results.map { procedure in
            CataloguePage.Entry(procedure: procedure, processedBy: DossierRouting.description(procedure, catalogue: catalogue))
        }, notice: notice))
    }

    private static func procedure(_ req: Request) throws -> Procedure {
        guard let id = req.parameters.get("procedure"), let procedure = req.guichet.procedures.procedure(id) else { throw WebError.notFound }
        return procedure
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let procedure = try procedure(req)
        let catalogue = req.guichet.procedures
        let organisations = procedure.processedBy.compactMap { target -> Organisation? in
            if case .organisation(let id) = target { return catalogue.organisation(id) }
            return nil
        }
        let whereToAsk = try await DirectoryGuide.forProcedure(procedure, account: try await req.currentUser(), in: req.operations)
        return req.render(ProcedurePage(procedure: procedure, processedBy: DossierRouting.description(procedure, catalogue: catalogue),
                                        organisations: organisations, isSignedIn: req.isSignedIn, whereToAsk: whereToAsk,
                                        now: req.operations.now))
    }

    /// *Commencer la démarche*.
    @Sendable static func start(req: Request) async throws -> Response {
        let procedure = try procedure(req)
        guard procedure.canBeFilledOnline else { return req.redirect(to: .procedure(.value(procedure.id))) }
        return try await DossierOpening.open(.procedure(procedure.id), on: req)
    }

    /// The printable form of a *formulaire vierge*.
    @Sendable static func blankForm(req: Request) async throws -> Response {
        let form = try BlankForms.document(req.parameters.get("procedure") ?? "", in: req.operations)
        let response = Response.pdfDownload(form.data, title: form.title)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    @Sendable static func partners(req: Request) async throws -> Response {
        req.render(PartnersPage(organisations: req.guichet.procedures.organisations.sorted { Text.folded($0.name) < Text.folded($1.name) }))
    }
}
