import Foundation

/// Hands an email to the outside world (an SMTP relay, or `.eml` files in the embedded
/// mode). Throws `DeliveryFailure`; any other error is treated as transient.
public protocol MailTransport: Sendable {
    func send(_ message: EmailMessage) async throws
}

/// Hands a text message to the outside world (an HTTP gateway, or text files).
public protocol SMSTransport: Sendable {
    func send(_ message: SMSMessage) async throws
}
