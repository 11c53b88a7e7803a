import Foundation
import GuichetCore
import Testing

@Suite struct CaptchaTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func codesHaveSixOrSevenUnambiguousCharacters() {
        for _ in 0..<500 {
            let code = CaptchaCode.generate()
            #expect((6...7).contains(code.count))
            #expect(code.allSatisfy { CaptchaCode.alphabet.contains($0) })
        }
        for ambiguous in "0O1IL5S2Z8B" {
            #expect(!CaptchaCode.alphabet.contains(ambiguous))
        }
    }

    @Test func checkIgnoresCaseAndSpaces() {
        let stored = (code: "K7M4PX", expiresAt: now.addingTimeInterval(60))
        #expect(CaptchaVerdict.check(typed: " k7m 4px ", stored: stored, now: now) == .valid)
    }

    @Test func wrongCodeIsRefused() {
        let stored = (code: "K7M4PX", expiresAt: now.addingTimeInterval(60))
        #expect(CaptchaVerdict.check(typed: "K7M4PY", stored: stored, now: now) == .wrong)
    }

    @Test func emptyAnswerIsMissing() {
        #expect(CaptchaVerdict.check(typed: "  ", stored: nil, now: now) == .missing)
    }

    @Test func codeExpiresAfterTenMinutes() {
        let created = now
        let stored = (code: "K7M4PX", expiresAt: created.addingTimeInterval(CaptchaCode.lifetime))
        #expect(CaptchaVerdict.check(typed: "K7M4PX", stored: stored, now: created.addingTimeInterval(599)) == .valid)
        #expect(CaptchaVerdict.check(typed: "K7M4PX", stored: stored, now: created.addingTimeInterval(600)) == .expired)
    }

    @Test func unknownOrUsedChallengeIsExpired() {
        #expect(CaptchaVerdict.check(typed: "K7M4PX", stored: nil, now: now) == .expired)
        #expect(CaptchaVerdict.expired.message?.contains("expiré") == true)
    }

    @Test func everyCharacterHasAFrenchName() {
        let spoken = CaptchaCode.spokenFrench(String(CaptchaCode.alphabet))
        #expect(spoken.count == CaptchaCode.alphabet.count)
        #expect(spoken.first == "a")
        #expect(spoken.contains("i grec"))
        #expect(spoken.contains("sept"))
    }
}
