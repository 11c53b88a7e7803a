import Foundation
import GuichetCore
import Testing

/// The pure rules of the organisations' side: keys, webhook targets, retries, actors.
@Suite struct PartnerRulesTests {
    @Test func keysAreRecognisableAndCheckedBeforeAnyLookup() {
        let key = PartnerKeySecret.generate()
        #expect(key.hasPrefix("gk_live_") && key.count == 51 && PartnerKeySecret.isWellFormed(key))
        #expect(PartnerKeySecret.generate() != key)
        for bad in ["", "gk_live_", "gk_test_" + key.dropFirst(8), key + "A", String(key.dropLast()) + "é", String(key.dropLast()) + "="] {
            #expect(!PartnerKeySecret.isWellFormed(bad), "\(bad)")
        }
    }

    @Test(arguments: [
        ("8.8.8.8", true), ("192.0.2.1", false), ("10.0.0.1", false), ("172.16.5.4", false), ("172.32.0.1", true),
        ("192.168.1.1", false), ("127.0.0.1", false), ("169.254.169.254", false), ("100.64.0.1", false), ("0.0.0.0", false),
        ("224.0.0.1", false), ("255.255.255.255", false), ("2001:4860:4860::8888", true), ("::1", false), ("::", false),
        ("fe80::1", false), ("fd00::1", false), ("fc00::1", false), ("ff02::1", false), ("2001:db8::1", false),
        ("::ffff:10.0.0.1", false), ("::ffff:8.8.8.8", true), ("64:ff9b::a00:1", false), ("::127.0.0.1", false),
    ])
    func publicAddressesAreToldFromInternalOnes(address: String, isPublic: Bool) throws {
        let parsed = try #require(IPAddress(address), "\(address)")
        #expect(parsed.isPublic == isPublic, "\(address)")
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.256", "01.2.3.4x", ":::", "1::2::3", "12345::", "exemple.fr", "1.2.3.4.5"])
    func malformedAddressesAreNotAddresses(text: String) {
        #expect(IPAddress(text) == nil, "\(text)")
    }

    @Test func productionWebhooksMustBeHTTPSAndPublic() {
        #expect((try? WebhookTarget.check("https://exemple.fr/hook", production: true).get()) != nil)
        #expect((try? WebhookTarget.check("http://127.0.0.1:8099/hook", production: false).get()) != nil)
        let refused: [(String, WebhookTarget.Refusal)] = [
            ("http://exemple.fr/hook", .scheme(production: true)), ("ftp://exemple.fr", .scheme(production: true)),
            ("https://127.0.0.1/hook", .internalAddress), ("https://[fd00::1]/hook", .internalAddress),
            ("https://localhost/hook", .internalAddress), ("https://a.localhost/hook", .internalAddress),
            ("https://user:secret@exemple.fr/hook", .credentials), ("exemple.fr/hook", .malformed), ("https://", .malformed),
            ("https://exemple.fr/" + String(repeating: "a", count: 2001), .malformed),
            ("https://localhost./hook", .internalAddress), ("https://127.1/hook", .malformed), ("https://2130706433/hook", .malformed),
            ("https://0x7f000001/hook", .malformed), ("https://0x7f.0.0.1/hook", .malformed),
        ]
        for (url, reason) in refused {
            guard case .failure(let found) = WebhookTarget.check(url, production: true) else {
                Issue.record("\(url) accepted")
                continue
            }
            #expect(found == reason, "\(url)")
        }
    }

    @Test func loopbackIsToldApart() {
        for address in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] { #expect(IPAddress(address)?.isLoopback == true, "\(address)") }
        for address in ["128.0.0.1", "10.0.0.1", "::2", "2001:db8::1"] { #expect(IPAddress(address)?.isLoopback == false, "\(address)") }
        #expect(IPAddress("127.db.exemple.fr") == nil)
    }

    @Test func deliveriesRetryOnNetworkErrors5xxAnd429Only() {
        #expect(WebhookRetryPolicy.verdict(status: nil) == .retry)
        for status in [429, 500, 502, 503] { #expect(WebhookRetryPolicy.verdict(status: status) == .retry) }
        for status in [200, 201, 204] { #expect(WebhookRetryPolicy.verdict(status: status) == .delivered) }
        for status in [301, 400, 401, 404, 410, 422] { #expect(WebhookRetryPolicy.verdict(status: status) == .refused) }
    }

    @Test func backoffDoublesUpToAnHourForTwentyFourHours() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(WebhookRetryPolicy.nextAttempt(attempts: 1, failingSince: start, now: start) == start.addingTimeInterval(30))
        #expect(WebhookRetryPolicy.nextAttempt(attempts: 3, failingSince: start, now: start) == start.addingTimeInterval(120))
        #expect(WebhookRetryPolicy.nextAttempt(attempts: 20, failingSince: start, now: start) == start.addingTimeInterval(3600))
        let late = start.addingTimeInterval(23 * 3600)
        #expect(WebhookRetryPolicy.nextAttempt(attempts: 30, failingSince: start, now: late) == late.addingTimeInterval(3600))
        #expect(WebhookRetryPolicy.nextAttempt(attempts: 30, failingSince: start, now: late.addingTimeInterval(1)) == nil)
    }

    @Test func actorsRoundTripThroughTheirStoredForm() {
        let actors: [Actor] = [.citizen, .portal, .operator, .organisation("caf"), .apiKey(name: "Back-office: CAF"), .agent(name: "Anne Dubois")]
        for actor in actors { #expect(Actor(actor.description) == actor, "\(actor)") }
        #expect(Actor("cle-api:") == nil && Actor("inconnu") == nil)
        #expect(Actor.apiKey(name: "K").summary == ActorSummary(kind: "api_key", name: "K"))
        #expect(Actor.apiKey(name: "K").label == "Clé d'API « K »")
    }

    @Test func repeatedKeysAreFoundAtEveryDepthWhateverTheirEscapes() {
        let cases: [(String, String?)] = [
            (#"{"state": "traite", "state": "transmis"}"#, "state"),
            (#"{"state": "traite", "state": "x"}"#, "state"),
            (#"{"a": {"b": 1, "b": 2}}"#, "b"),
            (#"{"a": [{"b": 1}, {"b": 2}], "c": "{"c": 1, "c": 2}"}"#, nil),
            (#"{"message": "a, "state": b", "state": "traite"}"#, nil),
            (#"[{"a": 1}, {"a": 2}]"#, nil),
            (#"{"a": 1, "b": {"a": 2}}"#, nil),
        ]
        for (text, duplicate) in cases {
            #expect(JSONValue.firstDuplicateKey(Data(text.utf8)) == duplicate, "\(text)")
        }
    }

    @Test func eventDetailsRoundTrip() {
        let details = PartnerEvent.Details(reference: "A-1-7KQ2M9XHC", procedure: "p", state: "traite", previousState: "pris-en-compte",
                                           actor: ActorSummary(kind: "api_key", name: "k"), message: "m", accountLinkID: UUID(),
                                           partnerReference: "r")
        #expect(PartnerEvent.Details.decode(details.encoded()) == details)
        #expect(details.accountLinkID == details.accountLinkID?.lowercased())
        #expect(PartnerEvent.Details.decode("pas du json") == PartnerEvent.Details())
    }
}
