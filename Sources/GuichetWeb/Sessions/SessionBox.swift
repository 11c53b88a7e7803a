import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The current request's server-side session: a small string store and, once signed
/// in, the account. Created lazily: a visitor who never stores anything gets no row.
public final class SessionBox: Sendable {
    struct State {
        var tokenHash: String?
        var data: [String: String] = [:]
        var userID: UUID?
        var createdAt: Date?
        var lastSeenAt: Date?
        var isDirty = false
        var rotate = false
        var destroy = false
        /// The browser presented a session that had timed out.
        var expired = false
    }

    let state: NIOLockedValueBox<State>

    init(_ state: State = State()) {
        self.state = NIOLockedValueBox(state)
    }

    subscript(key: String) -> String? {
        get { state.withLockedValue { $0.data[key] } }
        set {
            state.withLockedValue {
                $0.data[key] = newValue
                $0.isDirty = true
            }
        }
    }

    public var userID: UUID? { state.withLockedValue { $0.userID } }

    /// Whether the session remembers anything (a dossier in progress, a pending sign-in…).
    var holdsData: Bool { state.withLockedValue { !$0.data.isEmpty || $0.userID != nil } }

    /// The stored hash of this session's token (nil before the session is saved).
    public var tokenHash: String? { state.withLockedValue { $0.tokenHash } }

    /// True when the browser came back with a session that had timed out.
    public var hasExpired: Bool { state.withLockedValue { $0.expired } }

    /// Binds the session to an account under a new token (against session fixation).
    public func signIn(userID: UUID) {
        state.withLockedValue {
            $0.userID = userID
            $0.isDirty = true
            $0.rotate = true
        }
    }

    /// Deletes the session and its cookie.
    public func destroy() {
        state.withLockedValue {
            $0.destroy = true
            $0.data = [:]
            $0.userID = nil
        }
    }

    /// Reads a one-time value (a message for the next page) and removes it.
    func takeFlash(_ key: String) -> String? {
        state.withLockedValue { state in
            guard let value = state.data.removeValue(forKey: "flash." + key) else { return nil }
            state.isDirty = true
            return value
        }
    }

    func flash(_ key: String, _ value: String) {
        self["flash." + key] = value
    }
}

extension Request {
    private struct SessionKey: StorageKey { typealias Value = SessionBox }

    /// The session loaded by `SessionMiddleware` (an empty one if there was none).
    public var session: SessionBox {
        if let box = storage[SessionKey.self] { return box }
        let box = SessionBox()
        storage[SessionKey.self] = box
        return box
    }

    func setSession(_ box: SessionBox) {
        storage[SessionKey.self] = box
    }

    var isSignedIn: Bool { storage[SessionKey.self]?.userID != nil }
}
