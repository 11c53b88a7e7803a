import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// Turning on the second factor: SMS or an authenticator application, then the unlock code.
enum SecondFactorController {
    @Sendable static func sms(req: Request) async throws -> Response {
        let user = try await req.user()
        return req.render(SMSFactorPage(phone: user.profile.mobilePhone?.display ?? ""))
    }

    @Sendable static func submitSMS(req: Request) async throws -> Response {
        let user = try await req.user()
        let typed = ((try? req.formBody()) ?? FormBody([]))["phone"]
        var errors = FieldErrors()
        let phone = PhoneNumber(typed)
        if Text.normalized(typed).isEmpty {
            errors.add("phone", "Saisissez le numéro de votre téléphone portable.")
        } else if phone == nil || (phone!.e164.hasPrefix("+33") && !phone!.isFrenchMobile) {
            errors.add("phone", "Saisissez un numéro de téléphone portable valide, par exemple 06 12 34 56 78.")
        }
        guard errors.isEmpty, let phone else {
            return req.render(SMSFactorPage(phone: typed, errors: errors), status: .unprocessableEntity)
        }
        let challenge = try await SMSCodes.start(userID: try user.requireID(), phone: phone, purpose: .enrol, on: req)
        req.session[SessionKeys.enrolChallenge] = challenge.uuidString
        return req.redirect(to: .smsFactorConfirm)
    }

    private static func enrolment(_ req: Request, user: UserRecord) async throws -> CodeChallengeRecord? {
        guard let id = req.session[SessionKeys.enrolChallenge].flatMap(UUID.init(uuidString:)) else { return nil }
        return try await CodeChallenges.find(id, userID: try user.requireID(), on: req.db)
    }

    @Sendable static func confirmSMS(req: Request) async throws -> Response {
        let user = try await req.user()
        guard let challenge = try await enrolment(req, user: user) else { return req.redirect(to: .smsFactor) }
        return req.render(SMSFactorConfirmPage(maskedPhone: PhoneNumber(challenge.phone)?.masked ?? ""))
    }

    @Sendable static func submitConfirmSMS(req: Request) async throws -> Response {
        let user = try await req.user()
        let userID = try user.requireID()
        guard let challenge = try await enrolment(req, user: user), let challengeID = challenge.id else {
            return req.redirect(to: .smsFactor)
        }
        let masked = PhoneNumber(challenge.phone)?.masked ?? ""
        let body = (try? req.formBody()) ?? FormBody([])
        var errors = FieldErrors()
        if body["_action"] == "renvoyer" {
            let outcome = try await SMSCodes.resend(challengeID, userID: userID, purpose: .enrol, on: req)
            if let message = SMSCodes.resendMessage(outcome) {
                errors.add("code", message)
                return req.render(SMSFactorConfirmPage(maskedPhone: masked, errors: errors), status: .unprocessableEntity)
            }
            return req.render(SMSFactorConfirmPage(maskedPhone: masked, notice: PageNotice(kind: .info, text: "Un nouveau code vous a été envoyé.")))
        }
        let code = OneTimeCodePolicy.normalizedInput(body["code"])
        if code.isEmpty {
            errors.add("code", "Saisissez le code à 6 chiffres.")
        } else {
            switch try await CodeChallenges.verify(challengeID, userID: userID, codeHash: SMSCodes.hash(challenge: challengeID, code: code),
                                                   now: req.now, on: req.db) {
            case .valid(let phone):
                req.session[SessionKeys.enrolChallenge] = nil
                return try await enable(.sms, for: user, phone: PhoneNumber(phone), totpSecret: nil, on: req)
            case .wrong(let left):
                errors.add("code", left > 0 ? "Le code est incorrect. Il vous reste \(Text.counted(left, "essai"))."
                                            : "Le code est incorrect. Demandez un nouveau code.")
            case .expired:
                errors.add("code", "Ce code a expiré ou a été refusé trois fois : demandez un nouveau code.")
            }
        }
        return req.render(SMSFactorConfirmPage(maskedPhone: masked, errors: errors), status: .unprocessableEntity)
    }

    @Sendable static func totp(req: Request) async throws -> Response {
        let user = try await req.user()
        let id = try user.requireID()
        let secret = pendingSecret(req, account: id) ?? Base32.encode(TOTP.generateSecret())
        req.session[SessionKeys.enrolTOTPSecret] = try req.guichet.secrets.seal(secret, account: id)
        return req.render(totpPage(secret: secret, identifier: user.identifier))
    }

    /// The key being enrolled: kept sealed in the session, whose row is in the database,
    /// until the first code is accepted.
    private static func pendingSecret(_ req: Request, account: UUID) -> String? {
        req.session[SessionKeys.enrolTOTPSecret].flatMap { req.guichet.secrets.open($0, account: account) }
    }

    static func totpPage(secret: String, identifier: String, errors: FieldErrors = FieldErrors()) -> TOTPFactorPage {
        TOTPFactorPage(secret: secret, uri: TOTP.provisioningURI(secret: Base32.decode(secret) ?? [], account: identifier), errors: errors)
    }

    @Sendable static func submitTOTP(req: Request) async throws -> Response {
        let user = try await req.user()
        guard let secret = pendingSecret(req, account: try user.requireID()), let bytes = Base32.decode(secret) else {
            return req.redirect(to: .totpFactor)
        }
        let code = ((try? req.formBody()) ?? FormBody([]))["code"]
        guard let step = TOTP.matchingStep(code, secret: bytes, now: req.now, after: nil) else {
            var errors = FieldErrors()
            errors.add("code", OneTimeCodePolicy.normalizedInput(code).isEmpty
                ? "Saisissez le code affiché par l'application."
                : "Le code ne correspond pas. Vérifiez la clé saisie dans l'application et l'heure de votre téléphone, puis saisissez le code affiché maintenant.")
            return req.render(totpPage(secret: secret, identifier: user.identifier, errors: errors), status: .unprocessableEntity)
        }
        req.session[SessionKeys.enrolTOTPSecret] = nil
        let response = try await enable(.totp, for: user, phone: nil, totpSecret: secret, on: req)
        _ = try await Accounts.useTOTPStep(try user.requireID(), step: step, on: req.db)
        return response
    }

    /// Turns the factor on with a fresh unlock code, shown once on the next page.
    private static func enable(_ kind: SecondFactorKind, for user: UserRecord, phone: PhoneNumber?, totpSecret: String?,
                               on req: Request) async throws -> Response {
        let id = try user.requireID()
        let unlock = UnlockCode.generate()
        let now = req.now
        let notice = AccountMails.securityChange("La connexion avec un code (\(kind.label)) a été activée sur votre compte", at: now)
        let sealed = try totpSecret.map { try req.guichet.secrets.seal($0, account: id) }
        try await req.commitAccountChange(id, events: [.secondFactorEnabled], mails: [(notice, to: user.email)]) { db in
            try await Accounts.enableSecondFactor(id, kind: kind, phone: phone, totpSecret: sealed,
                                                  unlockCodeHash: UnlockCodes.hash(unlock, userID: id), now: now, on: db)
        }
        req.session.flash("unlock", kind.rawValue + ":" + unlock)
        return req.redirect(to: .unlockCode)
    }

    @Sendable static func unlockCode(req: Request) async throws -> Response {
        _ = try await req.user()
        guard let value = req.session.takeFlash("unlock"), let separator = value.firstIndex(of: ":"),
              let kind = SecondFactorKind(rawValue: String(value[..<separator])) else {
            return req.redirect(to: .options)
        }
        return req.render(UnlockCodePage(code: String(value[value.index(after: separator)...]), kind: kind))
    }
}
