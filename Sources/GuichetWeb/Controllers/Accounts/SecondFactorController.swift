import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// Turning on the second factor: SMS or an authenticator application, then the unlock code.
enum SecondFactorController {
    @Sendable static func sms(req: Request) async throws -> Response {
        let account = try await req.user()
        return req.render(SMSFactorPage(phone: account.profile.mobilePhone?.display ?? "", replacing: account.secondFactor))
    }

    @Sendable static func submitSMS(req: Request) async throws -> Response {
        let account = try await req.user()
        let body = (try? req.formBody()) ?? FormBody([])
        let typed = body["phone"]
        switch try await SecondFactorEnrolment.startSMS(account, phone: typed, proof: proof(body), in: req.operations) {
        case .failure(let errors):
            return req.render(SMSFactorPage(phone: typed, errors: errors, replacing: account.secondFactor), status: .unprocessableEntity)
        case .success(let challenge):
            req.session.smsEnrolment = challenge
            return req.redirect(to: .smsFactorConfirm)
        }
    }

    @Sendable static func confirmSMS(req: Request) async throws -> Response {
        let account = try await req.user()
        guard let challenge = req.session.smsEnrolment,
              let masked = try await SecondFactorEnrolment.smsChallenge(challenge, of: account, in: req.operations) else {
            return req.redirect(to: .smsFactor)
        }
        return req.render(SMSFactorConfirmPage(maskedPhone: masked))
    }

    @Sendable static func submitConfirmSMS(req: Request) async throws -> Response {
        let account = try await req.user()
        guard let challenge = req.session.smsEnrolment,
              let masked = try await SecondFactorEnrolment.smsChallenge(challenge, of: account, in: req.operations) else {
            return req.redirect(to: .smsFactor)
        }
        let body = (try? req.formBody()) ?? FormBody([])
        let outcome = body["_action"] == "renvoyer"
            ? try await SecondFactorEnrolment.resendSMS(challenge, of: account, in: req.operations)
            : try await SecondFactorEnrolment.confirmSMS(challenge, of: account, code: body["code"], keepingSession: req.session.tokenHash,
                                                         in: req.operations)
        switch outcome {
        case .enabled(let unlockCode):
            req.session.smsEnrolment = nil
            return showUnlockCode(unlockCode, kind: .sms, on: req)
        case .resent:
            return req.render(SMSFactorConfirmPage(maskedPhone: masked, notice: PageNotice(kind: .info, text: "Un nouveau code vous a été envoyé.")))
        case .refused(let message):
            var errors = FieldErrors()
            errors.add("code", message)
            return req.render(SMSFactorConfirmPage(maskedPhone: masked, errors: errors), status: .unprocessableEntity)
        case .restart:
            return req.redirect(to: .smsFactor)
        }
    }

    @Sendable static func totp(req: Request) async throws -> Response {
        let account = try await req.user()
        let setup = try SecondFactorEnrolment.authenticatorSetup(account, sealed: req.session.authenticatorKey, in: req.operations)
        req.session.authenticatorKey = setup.sealed
        return req.render(totpPage(setup, replacing: account.secondFactor))
    }

    static func totpPage(_ setup: SecondFactorEnrolment.AuthenticatorSetup, errors: FieldErrors = FieldErrors(),
                         replacing: SecondFactorKind?) -> TOTPFactorPage {
        TOTPFactorPage(secret: setup.secret, uri: setup.uri, qrCode: setup.qrCode, errors: errors, replacing: replacing)
    }

    /// The owner's proof the forms carry.
    private static func proof(_ body: FormBody) -> SecondFactorEnrolment.OwnerProof {
        .init(password: body[SecondFactorEnrolment.passwordField], currentFactor: body[SecondFactorEnrolment.currentFactorField])
    }

    @Sendable static func submitTOTP(req: Request) async throws -> Response {
        let account = try await req.user()
        let body = (try? req.formBody()) ?? FormBody([])
        switch try await SecondFactorEnrolment.confirmAuthenticator(account, sealed: req.session.authenticatorKey, code: body["code"],
                                                                    proof: proof(body), keepingSession: req.session.tokenHash,
                                                                    in: req.operations) {
        case .success(let unlockCode):
            req.session.authenticatorKey = nil
            return showUnlockCode(unlockCode, kind: .totp, on: req)
        case .failure(let errors):
            let setup = try SecondFactorEnrolment.authenticatorSetup(account, sealed: req.session.authenticatorKey, in: req.operations)
            return req.render(totpPage(setup, errors: errors, replacing: account.secondFactor), status: .unprocessableEntity)
        case nil:
            return req.redirect(to: .totpFactor)
        }
    }

    /// The unlock code is shown once, on the next page.
    private static func showUnlockCode(_ code: String, kind: SecondFactorKind, on req: Request) -> Response {
        req.session.flash(.unlockCode, kind.rawValue + ":" + code)
        return req.redirect(to: .unlockCode)
    }

    @Sendable static func unlockCode(req: Request) async throws -> Response {
        _ = try await req.user()
        guard let value = req.session.takeFlash(.unlockCode), let separator = value.firstIndex(of: ":"),
              let kind = SecondFactorKind(rawValue: String(value[..<separator])) else {
            return req.redirect(to: .options)
        }
        return req.render(UnlockCodePage(code: String(value[value.index(after: separator)...]), kind: kind))
    }
}
