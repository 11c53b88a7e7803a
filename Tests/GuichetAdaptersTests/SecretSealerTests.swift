import Foundation
import GuichetAdapters
import Testing

/// Authenticator-app keys are stored sealed (AES-GCM, bound to their account).
@Suite struct SecretSealerTests {
    let sealer = SecretSealer(key: Data((0..<32).map { UInt8($0) }))
    let account = UUID()

    @Test func aSealedSecretOpensOnlyForItsAccountUnderItsKey() throws {
        let sealed = try sealer.seal("JBSWY3DPEHPK3PXP", account: account)
        #expect(sealed.hasPrefix("v1:") && !sealed.contains("JBSWY3DPEHPK3PXP"))
        #expect(try sealer.seal("JBSWY3DPEHPK3PXP", account: account) != sealed, "a fresh nonce each time")
        #expect(sealer.open(sealed, account: account) == "JBSWY3DPEHPK3PXP")
        #expect(sealer.open(sealed, account: UUID()) == nil, "moved to another account")
        #expect(SecretSealer(key: SecretSealer.newKey()).open(sealed, account: account) == nil, "another key")
        var altered = Array(sealed)
        altered[10] = altered[10] == "A" ? "B" : "A"
        #expect(sealer.open(String(altered), account: account) == nil, "altered")
        #expect(sealer.open("v1:pas du base64", account: account) == nil)
        #expect(sealer.open("JBSWY3DPEHPK3PXP", account: account) == "JBSWY3DPEHPK3PXP", "stored before sealing existed")
    }
}
