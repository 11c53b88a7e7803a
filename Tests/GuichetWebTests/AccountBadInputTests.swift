import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

/// Every account form with hostile input: either a French message next to the field with
/// the other input kept (never a password) and nothing stored, or — where the text is
/// legitimate (a password may be any text; an address may contain `'`, `)` or `;`) —
/// stored exactly as typed and shown escaped. Never a server error.
@Suite struct AccountBadInputTests {
    static let tenKilobytes = String(repeating: "abcdefghij", count: 1024)
    static let control = "abc\u{7}\u{1B}[31mdef"
    static let decomposed = "Zoe\u{308} He\u{301}lène"
    static let sql = "'); DROP TABLE users; --"
    static let markup = "<script>alert(1)</script>"
    static let hostile = ["", tenKilobytes, control, decomposed, sql, markup]

    func check(_ page: Page, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(page.status.code < 500, sourceLocation: sourceLocation)
        #expect(!page.body.contains(Self.markup), sourceLocation: sourceLocation)
        #expect(!page.body.contains(TestApp.password), sourceLocation: sourceLocation)
    }

    /// Sign-up values that are acceptable by design.
    static let acceptedSignUps: Set<String> = ["password|\(control)", "password|\(sql)", "password|\(markup)",
                                               "lastName|\(decomposed)", "firstNames|\(decomposed)"]

    @Test func signUpFields() async throws {
        try await withApp { app in
            var number = 0
            for field in ["identifier", "password", "email", "civility", "lastName", "firstNames"] {
                for value in Self.hostile {
                    number += 1
                    let identifier = "paul.durand.\(number)"
                    let browser = app.browser()
                    let form = try await browser.get("/creer-un-compte")
                    var changes = ["identifier": identifier]
                    changes[field] = value
                    let page = try await browser.post("/creer-un-compte", SignUpTests.fields(form, changes))
                    check(page)
                    let stored = field == "identifier" ? nil : try await Accounts.find(identifier: identifier, on: app.db)
                    if Self.acceptedSignUps.contains("\(field)|\(value)") {
                        #expect(page.status == .seeOther, "\(field) = \(value.prefix(20))")
                        let user = try #require(stored)
                        if field == "password" { #expect(try await TestApp.passwords.verify(value, against: user.passwordHash)) }
                        if field == "lastName" { #expect(user.lastName == "Zoë Hélène") }
                    } else {
                        #expect(page.status == .unprocessableEntity, "\(field) = \(value.prefix(20))")
                        #expect(page.fieldError(field) != nil, "\(field) = \(value.prefix(20))")
                        if field != "email" { #expect(page.inputValue("email") == "paul@exemple.fr") }
                        #expect(stored == nil)
                    }
                }
            }
            #expect(try await UserRecord.query(on: app.db).count() == Self.acceptedSignUps.count)
        }
    }

    @Test func signInAndRecoveryFields() async throws {
        try await withApp { app in
            try await app.createAccount()
            for value in Self.hostile {
                check(try await app.browser().signIn(value, value))
                check(try await app.browser().signIn("jeanne.martin", value))
                for (path, field) in [("/identifiant-oublie", "email"), ("/mot-de-passe-oublie", "identifier")] {
                    let browser = app.browser()
                    let form = try await browser.get(path)
                    check(try await browser.post(path, [(field, value), ("captcha_id", form.inputValue("captcha_id") ?? ""), ("captcha", TestApp.captchaCode)]))
                }
                let phone = app.browser()
                _ = try await phone.get("/numero-de-telephone-modifie")
                check(try await phone.post("/numero-de-telephone-modifie", [("identifier", value), ("password", value), ("unlockCode", value)]))
            }
            // Five wrong passwords for jeanne.martin locked the account: its email is the only one.
            #expect(try await app.emails().map(\.subject) == ["Votre compte Guichet est verrouillé"])
        }
    }

    @Test func profileFields() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let freeText: Set<String> = ["birthPlace", "addressLine1", "addressLine2"]
            for field in ["civility", "lastName", "firstNames", "birthDate", "birthPlace", "addressLine1", "addressLine2", "postalCode",
                          "city", "mobilePhone", "landlinePhone"] {
                for value in [Self.tenKilobytes, Self.control, Self.sql, Self.markup] {
                    var values = [("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"),
                                  ("addressLine1", "12 rue de la Paix"), ("postalCode", "75002"), ("city", "Paris")]
                    values.removeAll { $0.0 == field }
                    values.append((field, value))
                    var page = try await browser.post("/mon-compte/mes-coordonnees", values)
                    // A new street gets La Poste's proposal: the box keeps it as typed.
                    if let shown = page.inputValue("adresse.proposition") {
                        page = try await browser.post("/mon-compte/mes-coordonnees", values + [("adresse.refus", "oui"), ("adresse.proposition", shown)])
                    }
                    check(page)
                    if freeText.contains(field) && value == Self.sql {
                        #expect(page.status == .seeOther, "\(field) \(page.summaryErrors)")
                        let profile = try await app.reload(user).profile
                        let stored = field == "birthPlace" ? profile.birthPlace : field == "addressLine1" ? profile.addressLine1 : profile.addressLine2
                        #expect(stored == Self.sql, "stored as typed")
                        #expect(try await browser.get("/mon-compte/mes-coordonnees").contains("&#39;); DROP TABLE users; --"))
                    } else {
                        #expect(page.status == .unprocessableEntity, "\(field) = \(value.prefix(20))")
                        #expect(page.fieldError(field) != nil, "\(field) = \(value.prefix(20))")
                        #expect(page.inputValue("lastName") == (field == "lastName" ? value : "Martin") || field == "lastName")
                    }
                }
            }
            #expect(try await UserRecord.query(on: app.db).count() == 1, "the users table is intact")
        }
    }

    @Test func optionFields() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            _ = try await browser.get("/mon-compte/mes-options/application")
            for value in Self.hostile {
                let email = try await browser.post("/mon-compte/mes-options/adresse-electronique", [("email", value), ("password", TestApp.password)])
                check(email)
                #expect(email.fieldError("email") != nil)
                let phone = try await browser.post("/mon-compte/mes-options/code-sms", [("phone", value), ("password", TestApp.password)])
                check(phone)
                #expect(phone.fieldError("phone") != nil)
                let application = try await browser.post("/mon-compte/mes-options/application", [("code", value), ("password", TestApp.password)])
                check(application)
                #expect(application.fieldError("code") != nil)
            }
            #expect(try await app.reload(user).email == "jeanne@exemple.fr")
            #expect(try await app.smsMessages().isEmpty)
        }
    }
}
