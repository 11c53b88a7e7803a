import GuichetCore
import Testing

/// The client address behind trusted proxies, and the key per-address limits count under.
@Suite struct ClientAddressTests {
    @Test func withoutATrustedProxyThePeerIsTheClient() {
        #expect(ClientAddress.resolve(peer: "192.0.2.10", forwardedFor: ["203.0.113.5"], trustedHops: 0) == "192.0.2.10")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: [], trustedHops: 0) == "unknown")
    }

    @Test func everyHeaderLineIsReadAndTheEntryAtTheHopCountWins() {
        // The client forged a first line; the proxy appended the real address in a second one.
        let lines = ["1.2.3.4", "198.51.100.7"]
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: lines, trustedHops: 1) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: ["1.2.3.4, 198.51.100.7"], trustedHops: 1) == "198.51.100.7")
        // Two proxies: the outer one's entry is second from the right.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["1.2.3.4, 198.51.100.7", "10.0.0.1"], trustedHops: 2)
                == "198.51.100.7")
    }

    @Test func aHeaderTooShortOrMalformedFallsBackToThePeer() {
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: ["198.51.100.7"], trustedHops: 2) == "10.0.0.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: ["pas une adresse"], trustedHops: 1) == "10.0.0.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: [""], trustedHops: 1) == "10.0.0.1")
        #expect(ClientAddress.resolve(peer: "10.0.0.1", forwardedFor: ["999.1.1.1"], trustedHops: 1) == "10.0.0.1")
    }

    @Test func ipv6ClientsAreCountedByTheirSlash64() {
        #expect(ClientAddress.limitKey("2001:db8:abcd:12:1::5") == "2001:db8:abcd:12::/64")
        #expect(ClientAddress.limitKey("2001:db8:abcd:12:ffff:ffff:ffff:ffff") == "2001:db8:abcd:12::/64")
        #expect(ClientAddress.limitKey("2001:DB8:ABCD:0012::1") == "2001:db8:abcd:12::/64")
        #expect(ClientAddress.limitKey("::ffff:192.0.2.1") == "0:0:0:0::/64")
        #expect(ClientAddress.limitKey("203.0.113.9") == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["[2001:db8::1]"], trustedHops: 1) == "2001:db8::1")
    }
}
