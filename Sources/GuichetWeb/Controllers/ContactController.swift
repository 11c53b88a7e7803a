import GuichetCore
import GuichetOperations
import Vapor

/// *Poser votre question*.
enum ContactController {
    @Sendable static func show(req: Request) async throws -> Response {
        try await page(req, form: ContactForm(), errors: FieldErrors(), status: .ok)
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let body: FormBody
        do {
            body = try req.formBody()
        } catch {
            var errors = FieldErrors()
            errors.add("subject", "Le formulaire envoyé n'a pas pu être lu. Remplissez-le de nouveau puis envoyez-le.")
            return try await page(req, form: ContactForm(), errors: errors, status: .unprocessableEntity)
        }
        let form = ContactForm(subject: body["subject"], message: body["message"], email: body["email"],
                               emailConfirmation: body["emailConfirmation"], place: body["place"])
        if CaptchaForm.wantsNewCode(body) {
            try await Captchas.discard(id: body[CaptchaForm.idField], in: req.operations)
            return try await page(req, form: form, errors: FieldErrors(), status: .ok)
        }
        switch try await ContactQuestion.send(form, captcha: CaptchaForm.answer(body), in: req.operations) {
        case .failure(let errors):
            return try await page(req, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let email):
            req.session.flash(.contact, email)
            return req.redirect(to: .contactSent)
        }
    }

    @Sendable static func sent(req: Request) async throws -> Response {
        req.render(ContactSentPage(acknowledgedTo: req.session.takeFlash(.contact)))
    }

    /// The form with a fresh captcha (a used or discarded one never comes back).
    private static func page(_ req: Request, form: ContactForm, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let captcha = try await Captchas.issue(in: req.operations)
        return req.render(ContactPage(form: form, errors: errors, captcha: captcha), status: status)
    }
}
