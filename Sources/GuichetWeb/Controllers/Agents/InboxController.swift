import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// The inbox (`/agents/dossiers`): the list, a dossier, its documents, the moves and
/// the CSV export.
enum InboxController {
    @Sendable static func index(req: Request) async throws -> Response {
        let agent = try await req.agent()
        let (query, errors) = parse(req, agent: agent)
        let page = try await AgentInbox.list(query, for: agent, in: req.operations)
        return req.render(InboxPage(agent: agent, page: page, errors: errors), status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func dossier(req: Request) async throws -> Response {
        let agent = try await req.agent()
        let reference = req.parameters.get("reference") ?? ""
        let detail = try await operation { try await AgentInbox.dossier(reference, for: agent, in: req.operations) }
        let notice = req.agentSession.takeFlash("inbox").map { PageNotice(kind: .success, text: $0) }
        return req.render(AgentDossierPage(agent: agent, detail: detail, notice: notice))
    }

    @Sendable static func attachment(req: Request) async throws -> Response {
        let agent = try await req.agent()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw WebError.notFound }
        let file = try await operation {
            try await AgentInbox.attachment(id, reference: req.parameters.get("reference") ?? "", for: agent, in: req.operations)
        }
        return Response.pdfDownload(file.data, title: file.title)
    }

    @Sendable static func receipt(req: Request) async throws -> Response {
        let agent = try await req.agent()
        let file = try await operation { try await AgentInbox.receipt(req.parameters.get("reference") ?? "", for: agent, in: req.operations) }
        return Response.pdfDownload(file.data, title: file.title)
    }

    /// The confirmation step of a move, with its message.
    @Sendable static func confirmAction(req: Request) async throws -> Response {
        let agent = try await req.agent()
        let (action, detail) = try await actionAndDossier(req, agent: agent)
        guard agent.role.mayAct else { throw WebError.forbidden(AgentInbox.forbiddenMessage(agent.role)) }
        return req.render(AgentActionPage(agent: agent, detail: detail, action: action))
    }

    @Sendable static func act(req: Request) async throws -> Response {
        let agent = try await req.agent()
        let (action, detail) = try await actionAndDossier(req, agent: agent)
        guard let body = try? req.formBody() else { throw WebError.unreadableForm }
        let message = body["message"]
        let outcome = try await operation {
            try await AgentInbox.act(action, reference: detail.reference, message: message, by: agent, in: req.operations)
        }
        switch outcome {
        case .invalid(let errors):
            return req.render(AgentActionPage(agent: agent, detail: detail, action: action, message: message, errors: errors), status: .unprocessableEntity)
        case .done(let result):
            req.agentSession.flash("inbox", result.changedSomething
                ? "C'est fait : le dossier est « \(result.state.label) »\(TrackingMessage.normalized(message) == nil ? "" : " et votre message a été envoyé à l'usager")."
                : "Le dossier était déjà « \(result.state.label) » : rien n'a changé.")
            return req.redirect(to: .agentDossier(.value(detail.reference)))
        }
    }

    /// *Exporter (CSV)*: the filtered list of the current tab, streamed in batches.
    @Sendable static func export(req: Request) async throws -> Response {
        let agent = try await req.agent()
        let (query, _) = parse(req, agent: agent)
        let context = req.operations
        let logger = req.logger
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        let stamp = CalendarDate(context.now).iso
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"dossiers-\(query.tab.rawValue)-\(stamp).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let body = Response.Body(asyncStream: { writer in
            do {
                try await writer.write(.buffer(ByteBuffer(string: CSVWriter.byteOrderMark + CSVWriter.row(AgentInbox.csvHeader))))
                try await AgentInbox.export(query, allTabs: false, for: agent, in: context) { items in
                    try await writer.write(.buffer(ByteBuffer(string: items.map(AgentInbox.csvRow).joined())))
                }
                try await writer.write(.end)
            } catch {
                // The status line is gone: cutting the stream short is the only signal left.
                logger.error("inbox export failed", metadata: ["error_type": .string(String(describing: type(of: error)))])
                try? await writer.write(.error(error))
            }
        })
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: -

    private static func parse(_ req: Request, agent: Agent) -> (InboxQuery, FieldErrors) {
        let parameters = (try? req.query.decode([String: String].self)) ?? [:]
        let procedures = Set(AgentInbox.procedures(for: agent, in: req.operations).map(\.id))
        return InboxQuery.parse(parameters, procedures: procedures)
    }

    private static func actionAndDossier(_ req: Request, agent: Agent) async throws -> (InboxAction, PartnerDossiers.Detail) {
        guard let action = req.parameters.get("action").flatMap(InboxAction.init(rawValue:)) else { throw WebError.notFound }
        let detail = try await operation { try await AgentInbox.dossier(req.parameters.get("reference") ?? "", for: agent, in: req.operations) }
        return (action, detail)
    }

    /// An operation's failure as the site's error page.
    private static func operation<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as OperationError {
            throw WebError(failure)
        }
    }
}
