import GuichetCore
import GuichetStore
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

        if body["_action"] == Captchas.newCodeAction {
            try await Captchas.discard(body, on: req)
            return try await page(req, form: form, errors: FieldErrors(), status: .ok)
        }

        let verdict = try await Captchas.verify(body, on: req)
        var errors = FieldErrors()
        let validation = form.validate(postalCodes: req.guichet.postalCodes)
        if case .failure(let fieldErrors) = validation { errors = fieldErrors }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty, case .success(let message) = validation else {
            return try await page(req, form: form, errors: errors, status: .unprocessableEntity)
        }

        guard try await RateLimiter.hit(.contactMessages, subject: req.clientAddress, now: req.now, on: req.db) else {
            throw WebError.tooManyRequests(retryAfterSeconds: Int(RateLimitRule.contactMessages.window))
        }

        let now = req.now
        let mailer = req.mailer
        let config = req.guichet.config
        try await req.db.writeTransaction { db in
            try await ContactMessages.save(message, now: now, on: db)
            let forward = mailer.compose(ContactForwardMail(message: message, receivedAt: now),
                                         to: Mailbox(config.supportEmail), replyTo: Mailbox(message.email.value))
            try await OutboxQueue.enqueue(forward, on: db, now: now)
            let acknowledgement = mailer.compose(ContactAcknowledgementMail(subjectLabel: message.subject.label, receivedAt: now),
                                                 to: Mailbox(message.email.value))
            try await OutboxQueue.enqueue(acknowledgement, on: db, now: now)
        }
        req.guichet.metrics.event("contact_message_received")
        req.session.flash("contact", message.email.value)
        return req.redirect(to: .contactSent)
    }

    @Sendable static func sent(req: Request) async throws -> Response {
        req.render(ContactSentPage(acknowledgedTo: req.session.takeFlash("contact")))
    }

    /// The form with a fresh captcha (a used or discarded one never comes back).
    private static func page(_ req: Request, form: ContactForm, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let captcha = try await Captchas.issue(on: req)
        return req.render(ContactPage(form: form, errors: errors, captcha: captcha), status: status)
    }
}
