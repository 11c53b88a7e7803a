import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Poser votre question* (SPEC §7): the message is stored, forwarded to the support
/// mailbox and acknowledged to the sender, in one transaction.
public enum ContactQuestion {
    /// Sends the question; returns the sender's address, or the field errors. Limited
    /// per client address (throws `tooManyRequests`).
    public static func send(_ form: ContactForm, captcha: CaptchaAnswer, in context: OperationContext) async throws -> Result<String, FieldErrors> {
        let verdict = try await Captchas.verify(captcha, in: context)
        var errors = FieldErrors()
        let validation = form.validate(postalCodes: context.guichet.postalCodes)
        if case .failure(let fieldErrors) = validation { errors = fieldErrors }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty, case .success(let message) = validation else { return .failure(errors) }
        try await OperationError.limit(.contactMessages, subject: context.clientLimitKey, in: context)

        let now = context.now
        let mailer = context.mailer
        let config = context.config
        try await context.db.writeTransaction { db in
            try await ContactMessages.save(message, now: now, on: db)
            let forward = try mailer.envelope(ContactForwardMail(message: message, receivedAt: now),
                                         to: Mailbox(config.supportEmail), replyTo: Mailbox(message.email.value))
            try await OutboxQueue.enqueue(forward, on: db, now: now)
            let acknowledgement = try mailer.envelope(ContactAcknowledgementMail(subjectLabel: message.subject.label, receivedAt: now),
                                                 to: Mailbox(message.email.value))
            try await OutboxQueue.enqueue(acknowledgement, on: db, now: now)
        }
        context.guichet.metrics.event("contact_message_received")
        return .success(message.email.value)
    }
}
