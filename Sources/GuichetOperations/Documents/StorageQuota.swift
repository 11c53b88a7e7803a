import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// The one quota rule of an account's storage (SPEC §2: 100 MB by default).
public enum StorageQuota {
    public static func message(used: Int, quota: Int) -> String {
        "Votre porte-documents est plein : \(ByteSize.french(used)) utilisés sur \(ByteSize.french(quota)). Supprimez des documents dont vous n'avez plus besoin."
    }

    /// The space the account uses now.
    public static func used(by userID: UUID, in context: OperationContext) async throws -> Int {
        try await Wallet.usedBytes(userID: userID, on: context.db)
    }

    /// Nil when `bytes` more fit in the account's quota, otherwise the French refusal.
    public static func refusal(adding bytes: Int, for userID: UUID, in context: OperationContext) async throws -> String? {
        let used = try await used(by: userID, in: context)
        let quota = context.config.walletQuotaBytes
        return used + bytes > quota ? message(used: used, quota: quota) : nil
    }
}
