import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

/// Wallet documents: found only with their owner, counted, and their blobs collected.
@Suite struct WalletStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func user(_ identifier: String, on db: any Database) async throws -> UUID {
        let valid = try SignUpForm(identifier: identifier, password: "un café au lait sans sucre", email: "\(identifier)@exemple.fr",
                                   civility: "madame", lastName: "Martin", firstNames: "Jeanne").validate().get()
        return try await Accounts.create(valid, passwordHash: "$argon2id$test", now: now, on: db).requireID()
    }

    @Test func aDocumentIsOnlyFoundWithItsOwnerAndCounted() async throws {
        try await withStore { db in
            let blobs = DatabaseBlobStore(clock: { Date(timeIntervalSince1970: 1_800_000_000) })
            let owner = try await user("jeanne.martin", on: db), other = try await user("paul.durand", on: db)
            let document = try await Wallet.add(.init(title: "Avis", category: "autre", note: "", pages: 1, size: 1234),
                                                data: Data("%PDF-1.7".utf8), userID: owner, blobs: blobs, now: now, on: db)
            _ = try await Wallet.add(.init(title: "Autre", category: "autre", note: "", pages: 2, size: 766),
                                     data: Data("%PDF-1.7".utf8), userID: owner, blobs: blobs, now: now, on: db)
            #expect(try await Wallet.find(try document.requireID(), userID: other, on: db) == nil)
            #expect(try await Wallet.find(try document.requireID(), userID: owner, on: db)?.title == "Avis")
            #expect(try await Wallet.usedBytes(userID: owner, on: db) == 2000)
            #expect(try await Wallet.usedBytes(userID: other, on: db) == 0)
            try await Wallet.delete(document, blobs: blobs, on: db)
            #expect(try await Wallet.usedBytes(userID: owner, on: db) == 766)
            #expect(try await blobs.get(document.blobKey, on: db) == nil)
        }
    }

    @Test func blobsWithoutARowAreCollectedOnlyOnceOldEnough() async throws {
        try await withStore { db in
            let blobs = DatabaseBlobStore(clock: { Date(timeIntervalSince1970: 1_800_000_000) })
            try await blobs.put("orpheline", data: Data("%PDF".utf8), on: db)
            let kept = try await Wallet.add(.init(title: "Avis", category: "autre", note: "", pages: 1, size: 4),
                                            data: Data("%PDF".utf8), userID: try await user("jeanne.martin", on: db), blobs: blobs, now: now, on: db)
            #expect(try await Wallet.collectOrphans(blobs: blobs, storedBefore: now, on: db) == 0, "too recent")
            #expect(try await Wallet.collectOrphans(blobs: blobs, storedBefore: now.addingTimeInterval(1), on: db) == 1)
            #expect(try await blobs.get("orpheline", on: db) == nil)
            #expect(try await blobs.get(kept.blobKey, on: db) != nil)
        }
    }
}
