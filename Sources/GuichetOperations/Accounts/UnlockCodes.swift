import Foundation
import GuichetCore

/// The unlock code (*code de déblocage*) is stored as a hash bound to its account.
enum UnlockCodes {
    static func hash(_ code: String, userID: UUID) -> String {
        TokenHash.sha256("\(userID.uuidString):\(UnlockCode.normalized(code))")
    }
}
