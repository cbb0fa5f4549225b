import ConfidantCore
import Testing

@Suite("Account names and email addresses")
struct AccountDetailsTests {
    @Test(
        "the name is trimmed, the email trimmed and lower-cased",
        arguments: [
            ("Sam Staffperson", "sam@example.org", "Sam Staffperson", "sam@example.org"),
            ("  Sam Staffperson\n", " Sam@Example.ORG\t", "Sam Staffperson", "sam@example.org"),
            ("\u{A0}Zoë\u{2003}", "\u{A0}zoe@example.org\u{A0}", "Zoë", "zoe@example.org"),
            ("S", "a@b.c", "S", "a@b.c"),
            ("O'Neill-Smith", "first.last+tag@sub.example.co.uk", "O'Neill-Smith", "first.last+tag@sub.example.co.uk"),
        ])
    func normalised(name: String, email: String, keptName: String, keptEmail: String) throws {
        let details = try AccountDetails(name: name, email: email)
        #expect(details.name == keptName)
        #expect(details.email == keptEmail)
    }

    @Test(
        "addresses that are not addresses are refused, named as typed (trimmed, lower case)",
        arguments: [
            ("", ""), ("sam", "sam"), ("sam@", "sam@"), ("@example.org", "@example.org"), ("sam@example", "sam@example"),
            ("sam@@example.org", "sam@@example.org"), ("sam@exa@mple.org", "sam@exa@mple.org"), ("sam@.org", "sam@.org"),
            ("sam@example.", "sam@example."), ("sam@.example.org", "sam@.example.org"), ("sam@a.", "sam@a."), ("sam@.a", "sam@.a"),
            ("sam smith@example.org", "sam smith@example.org"), ("sam@exam\u{A0}ple.org", "sam@exam\u{A0}ple.org"),
            ("sam\u{0}@example.org", "sam\u{0}@example.org"), ("<sam@example.org>", "<sam@example.org>"),
            ("Sam <sam@example.org>", "sam <sam@example.org>"), ("sam@b.", "sam@b."), ("s@b", "s@b"),
        ])
    func invalidEmail(email: String, named: String) {
        #expect(throws: AccountDetailsError.invalidEmail(named)) { try AccountDetails(name: "Sam", email: email) }
    }

    @Test("a missing name is asked for before the email is looked at", arguments: ["", "   ", "\n\t"])
    func missingName(name: String) {
        #expect(throws: AccountDetailsError.missing(field: "name")) { try AccountDetails(name: name, email: "not an address") }
    }

    @Test("a name or email may have 200 code points, not 201")
    func lengths() throws {
        #expect(AccountDetails.maximumLength == 200)
        let name200 = String(repeating: "n", count: 200)
        #expect(try AccountDetails(name: name200, email: "sam@example.org").name == name200)
        #expect(throws: AccountDetailsError.tooLong(field: "name")) { try AccountDetails(name: name200 + "n", email: "sam@example.org") }
        // Surrounding whitespace does not count: it is trimmed first.
        #expect(try AccountDetails(name: "  " + name200 + "  ", email: "sam@example.org").name == name200)
        let local = String(repeating: "e", count: 200 - "@example.org".count)
        #expect(try AccountDetails(name: "Sam", email: local + "@example.org").email.count == 200)
        #expect(throws: AccountDetailsError.tooLong(field: "email")) { try AccountDetails(name: "Sam", email: local + "e@example.org") }
        // Too long is said before "not an address".
        #expect(throws: AccountDetailsError.tooLong(field: "email")) { try AccountDetails(name: "Sam", email: String(repeating: "x", count: 201)) }
        // A name of one visible letter and 300 combining marks is 301 code points.
        #expect(throws: AccountDetailsError.tooLong(field: "name")) {
            try AccountDetails(name: "e" + String(repeating: "\u{301}", count: 300), email: "sam@example.org")
        }
    }

    @Test("each refusal says what to do")
    func descriptions() {
        #expect(AccountDetailsError.missing(field: "name").description == "The name is missing: enter one.")
        #expect(AccountDetailsError.tooLong(field: "email").description == "The email is longer than 200 characters.")
        #expect(AccountDetailsError.invalidEmail("sam").description == "\"sam\" is not an email address, for example name@example.org.")
    }
}
