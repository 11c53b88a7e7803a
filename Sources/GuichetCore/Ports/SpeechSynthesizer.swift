import Foundation

/// Turns French text into a WAV file (the spoken captcha, SPEC §9).
public protocol SpeechSynthesizer: Sendable {
    func wav(speaking text: String) async throws -> Data
}

/// The speech engine is missing, busy or failed: the page offers another code instead.
public struct SpeechUnavailable: Error {
    public init() {}
}
