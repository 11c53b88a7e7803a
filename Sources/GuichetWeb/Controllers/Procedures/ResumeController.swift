import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// Resuming a draft saved without an account (SPEC §4): the link (or the *numéro de
/// télédossier*) and the password. Wrong number and wrong password get the same
/// answer, and attempts are limited.
enum ResumeController {
    static let numberField = "numero"
    static let passwordField = "motDePasse"

    @Sendable static func form(req: Request) async throws -> Response {
        if let number = req.parameters.get("number").map(ResumeCredentials.normalizedNumber) {
            if let dossier = try await Dossiers.find(resumeNumber: number, on: req.db), let refusal = refusal(dossier, on: req) {
                return refusal
            }
            return req.render(ResumePage(number: number, numberFromLink: true))
        }
        return req.render(ResumePage())
    }

    /// Why a found dossier cannot be resumed any more, as a page.
    private static func refusal(_ dossier: DossierRecord, on req: Request) -> Response? {
        if dossier.state == .submitted { return req.render(DraftAlreadySubmittedPage(), status: .gone) }
        if let savedAt = dossier.savedAt, DraftPolicy.isExpired(savedAt: savedAt, now: req.now) {
            return req.render(DraftExpiredPage(), status: .gone)
        }
        return nil
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let body = try req.formBody()
        let typedNumber = body[numberField]
        let number = ResumeCredentials.normalizedNumber(typedNumber)
        let password = String(body[passwordField].filter { !$0.isWhitespace })
        let fromLink = body["lien"] == "oui"
        var errors = FieldErrors()
        if number.isEmpty { errors.add(numberField, "Saisissez le numéro de télédossier reçu par courriel.") }
        if password.isEmpty { errors.add(passwordField, "Saisissez le mot de passe reçu par courriel.") }
        guard errors.isEmpty else {
            return req.render(ResumePage(number: typedNumber, numberFromLink: fromLink, errors: errors), status: .unprocessableEntity)
        }
        for subject in ["address:" + req.clientAddress, "number:" + number] {
            guard try await RateLimiter.hit(.resumeAttempts, subject: subject, now: req.now, on: req.db) else {
                throw WebError.tooManyRequests(retryAfterSeconds: Int(RateLimitRule.resumeAttempts.window))
            }
        }
        let passwords = req.guichet.services.passwords
        let dossier = try await Dossiers.find(resumeNumber: number, on: req.db)
        if let dossier, let refusal = refusal(dossier, on: req) { return refusal }
        let matches: Bool
        if let hash = dossier?.resumePasswordHash {
            matches = try await passwords.verify(password.uppercased(), against: hash)
        } else {
            // As slow as a real check, so timing does not tell which numbers exist.
            try await passwords.verifyAgainstNothing(password)
            matches = false
        }
        guard let dossier, matches else {
            errors.add(passwordField, "Le numéro de télédossier ou le mot de passe est incorrect. Vérifiez le courriel reçu lors de l'enregistrement.")
            return req.render(ResumePage(number: typedNumber, numberFromLink: fromLink, errors: errors), status: .unprocessableEntity)
        }
        req.session[DossierSessionKeys.unlocked] = try dossier.requireID().uuidString
        return try await DossierOpening.open(.dossier(try dossier.requireID()), on: req)
    }
}
