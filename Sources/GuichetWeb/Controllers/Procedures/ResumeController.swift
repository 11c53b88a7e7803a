import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// Resuming a draft saved without an account (SPEC §4): the link (or the *numéro de
/// télédossier*) and the password.
enum ResumeController {
    static let numberField = DraftResume.numberField
    static let passwordField = DraftResume.passwordField

    @Sendable static func form(req: Request) async throws -> Response {
        if let number = req.parameters.get("number").map(ResumeCredentials.normalizedNumber) {
            if let refusal = try await DraftResume.refusal(number: number, in: req.operations) { return page(for: refusal, on: req) }
            return req.render(ResumePage(number: number, numberFromLink: true))
        }
        return req.render(ResumePage())
    }

    private static func page(for refusal: DraftResume.Refusal, on req: Request) -> Response {
        switch refusal {
        case .alreadySubmitted: req.render(DraftAlreadySubmittedPage(), status: .gone)
        case .expired: req.render(DraftExpiredPage(), status: .gone)
        }
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let body = try req.formBody()
        let typedNumber = body[numberField]
        let fromLink = body["lien"] == "oui"
        switch try await DraftResume.unlock(number: typedNumber, password: body[passwordField], in: req.operations) {
        case .refused(let errors):
            return req.render(ResumePage(number: typedNumber, numberFromLink: fromLink, errors: errors), status: .unprocessableEntity)
        case .unavailable(let refusal):
            return page(for: refusal, on: req)
        case .unlocked(let id):
            req.session.unlockedDossier = id
            return try await DossierOpening.open(.dossier(id), on: req)
        }
    }
}
