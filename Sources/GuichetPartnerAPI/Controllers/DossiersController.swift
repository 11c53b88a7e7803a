import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// `/api/v1/dossiers…`: the dossiers transmitted to the caller's organisation.
enum DossiersController {
    @Sendable static func list(req: Request) async throws -> Response {
        let caller = try req.caller
        var query = QueryParameters(req)
        let state = query.state("state")
        let procedure = query.identifier("procedure")
        let limit = query.integer("limit", default: 50, range: 1...PartnerDossiers.maximumPageSize)
        let cursor = try query.cursor("cursor")
        try query.check()
        let page = try await PartnerDossiers.list(organisationKey: caller.organisationKey, state: state, procedureID: procedure,
                                                  after: cursor, limit: limit, in: req.operations)
        return JSONBody.response(DossierDocuments.List(dossiers: page.items.map(DossierDocuments.Summary.init),
                                                       nextCursor: page.next.map(Cursor.encode)))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let caller = try req.caller
        let detail = try await PartnerDossiers.detail(reference: try reference(req), organisationKey: caller.organisationKey, in: req.operations)
        return JSONBody.response(DossierDocuments.detail(detail))
    }

    @Sendable static func attachment(req: Request) async throws -> Response {
        let caller = try req.caller
        guard let id = req.parameters.get("attachment").flatMap(UUID.init(uuidString:)) else { throw ProblemError.notFound }
        let file = try await PartnerDossiers.attachment(id, reference: try reference(req), organisationKey: caller.organisationKey,
                                                        in: req.operations)
        return pdf(file.data, name: file.title)
    }

    @Sendable static func receipt(req: Request) async throws -> Response {
        let caller = try req.caller
        let file = try await PartnerDossiers.receipt(reference: try reference(req), organisationKey: caller.organisationKey, in: req.operations)
        return pdf(file.data, name: file.title)
    }

    @Sendable static func acknowledge(req: Request) async throws -> Response {
        let caller = try req.writingCaller
        let body = try await JSONBody.bytes(req)
        return try await IdempotentWrite.run(req, caller: caller, body: body) {
            let fields = try JSONBody.object(body, request: req, allowed: ["message"])
            var errors: [Problem.FieldError] = []
            let message = JSONBody.optionalString(fields, "message", errors: &errors)
            if !errors.isEmpty { throw ProblemError.invalid(errors) }
            return try await move(req, caller: caller, to: .acknowledged, message: message)
        }
    }

    /// The states a status report may name (acknowledging has its own route).
    static let reportableStates: [TransmissionState] = [.processing, .done]

    @Sendable static func status(req: Request) async throws -> Response {
        let caller = try req.writingCaller
        let body = try await JSONBody.bytes(req)
        return try await IdempotentWrite.run(req, caller: caller, body: body) {
            let fields = try JSONBody.object(body, request: req, allowed: ["state", "message"])
            var errors: [Problem.FieldError] = []
            let allowed = reportableStates.map(\.slug).joined(separator: ", ")
            let stateText = JSONBody.optionalString(fields, "state", errors: &errors)
            let message = JSONBody.optionalString(fields, "message", errors: &errors)
            var target: TransmissionState?
            if let stateText {
                target = TransmissionState(slug: stateText).flatMap { reportableStates.contains($0) ? $0 : nil }
                if target == nil { errors.append(.init(field: "state", code: "invalid", message: "Valeurs acceptées : \(allowed).")) }
            } else if !errors.contains(where: { $0.field == "state" }) {
                errors.append(.init(field: "state", code: "required", message: "L'état est obligatoire : \(allowed)."))
            }
            guard errors.isEmpty, let target else { throw ProblemError.invalid(errors) }
            return try await move(req, caller: caller, to: target, message: message)
        }
    }

    private static func move(_ req: Request, caller: PartnerCaller, to target: TransmissionState, message: String?) async throws -> Response {
        let reference = try reference(req)
        let outcome: DossierTracking.Outcome
        do {
            outcome = try await PartnerDossiers.advance(reference: reference, organisationKey: caller.organisationKey, to: target,
                                                        message: message, actor: caller.actor, in: req.operations)
        } catch let failure as DossierTracking.Failure {
            switch failure {
            case .refused(let from, let to): throw ProblemError.transitionRefused(from: from, to: to)
            case .messageTooLong:
                throw ProblemError.invalid([.init(field: "message", code: "too-long",
                                                  message: "Le message est limité à \(TrackingMessage.maximumLength) caractères.")])
            case .controlCharacters:
                throw ProblemError.invalid([.init(field: "message", code: "invalid",
                                                  message: "Le message ne peut pas contenir de caractères de contrôle ni de caractères invisibles (hors tabulations et retours à la ligne).")])
            case .unknownReference, .unknownOrganisation: throw ProblemError.notFound
            }
        }
        return JSONBody.response(DossierDocuments.StatusChange(reference: reference, state: outcome.state.slug,
                                                               changed: outcome.changedSomething))
    }

    /// The reference of the path, normalised (upper case); anything else is a 404.
    static func reference(_ req: Request) throws -> String {
        guard let text = req.parameters.get("reference"), case .success(let reference) = DossierReference.parse(text) else {
            throw ProblemError.notFound
        }
        return reference.description
    }

    static func pdf(_ data: Data, name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        response.headers.replaceOrAdd(name: .contentDisposition, value: DownloadName.contentDisposition(title: name))
        return response
    }
}
