import ConfidantCore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ConfidantWeb

@Suite("Signing in and out")
struct SignInTests {
    func signIn(_ harness: WebHarness, email: String, password: String) async throws -> TestResponseSummary {
        let (token, cookie) = try await harness.anonymousFormToken()
        let response = try await harness.request(
            .post, "/sign-in", form: ["_csrf": token, "email": email, "password": password, "next": "/home"],
            headers: [.cookie: cookie])
        return TestResponseSummary(response)
    }

    @Test("the right password starts a session with an HttpOnly, SameSite=Strict cookie", arguments: TestDatabaseKind.available)
    func signInSucceeds(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff, email: "kim@example.org")
            let response = try await signIn(harness, email: "KIM@example.org", password: "correct horse battery")
            #expect(response.status == .seeOther)
            #expect(response.location == "/home")
            let cookie = try #require(response.sessionCookie)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
            let token = String(cookie.dropFirst("confidant_session=".count).prefix { $0 != ";" })
            let home = try await harness.request(.get, "/home", headers: [.cookie: "confidant_session=\(token)"])
            #expect(home.status == .ok)
            #expect(home.text.contains("Welcome, \(staff.user.name)"))
        }
    }

    @Test("cookies are Secure and HSTS is sent when configured for TLS", arguments: TestDatabaseKind.available)
    func secureCookies(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind, configuration: WebConfiguration(secureCookies: true, bcryptCost: 4)) { harness in
            _ = try await harness.browser(.staff, email: "tls@example.org")
            let response = try await signIn(harness, email: "tls@example.org", password: "correct horse battery")
            #expect(response.sessionCookie?.contains("Secure") == true)
            #expect(response.headers[.strictTransportSecurity] != nil)
        }
    }

    @Test("a wrong password, an unknown email and a disabled account all get the same refusal", arguments: TestDatabaseKind.available)
    func signInRefused(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let disabled = try await harness.browser(.staff, email: "off@example.org")
            _ = try await harness.environment.users.setDisabled(id: disabled.user.id, true, now: harness.clock.now, by: "system")
            _ = try await harness.browser(.staff, email: "on@example.org")
            for (email, password) in [
                ("on@example.org", "wrong password here"), ("nobody@example.org", "correct horse battery"),
                ("off@example.org", "correct horse battery"),
            ] {
                let response = try await signIn(harness, email: email, password: password)
                #expect(response.status == .unauthorized, "\(email)")
                #expect(response.sessionCookie == nil)
                #expect(response.text.contains("The email address or password is not right"))
            }
        }
    }

    @Test(
        "after five attempts an account must wait, doubling, even with the right password, and is told for how long",
        arguments: TestDatabaseKind.available)
    func failuresSlowDown(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await harness.browser(.staff, email: "slow@example.org")
            for _ in 1...5 {
                #expect(try await signIn(harness, email: "slow@example.org", password: "not the password").status == .unauthorized)
            }
            let blocked = try await signIn(harness, email: "slow@example.org", password: "correct horse battery")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.text.contains("Wait 2 seconds"))
            #expect(blocked.headers[.retryAfter] == "2")
            harness.clock.advance(by: 3)
            #expect(try await signIn(harness, email: "slow@example.org", password: "correct horse battery").status == .seeOther)
        }
    }

    @Test("a sign-in form without its token, or with the wrong one, is refused", arguments: TestDatabaseKind.available)
    func signInNeedsFormToken(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await harness.browser(.staff, email: "csrf@example.org")
            let fields = ["email": "csrf@example.org", "password": "correct horse battery"]
            let missing = try await harness.request(.post, "/sign-in", form: fields)
            #expect(missing.status == .forbidden)
            let (_, cookie) = try await harness.anonymousFormToken()
            let wrong = try await harness.request(
                .post, "/sign-in", form: fields.merging(["_csrf": "forged"]) { $1 },
                headers: [.cookie: cookie])
            #expect(wrong.status == .forbidden)
            #expect(wrong.text.contains("This form has expired"))
        }
    }

    @Test("after sign-in, only a path on this site is followed")
    func noOpenRedirect() {
        #expect(SignInRoutes.safeNext("/admin/users") == "/admin/users")
        #expect(SignInRoutes.safeNext("https://evil.example") == "/home")
        #expect(SignInRoutes.safeNext("//evil.example") == "/home")
        #expect(SignInRoutes.safeNext("/\\evil.example") == "/home")
        #expect(SignInRoutes.safeNext("") == "/home")
    }

    @Test(
        "a next address with a tab or newline never reaches the Location header or the page",
        arguments: ["/%09/evil.example", "/%0a/evil.example", "/%0D%0A/evil.example", "%2F%2Fevil.example", "/%5Cevil.example"])
    func encodedRedirectRefused(next: String) async throws {
        for kind in TestDatabaseKind.available {
            try await WebHarness.run(kind) { harness in
                _ = try await harness.browser(.staff, email: "tab@example.org")
                let page = try await harness.request(.get, "/sign-in?next=\(next)")
                #expect(!page.text.contains("evil.example"))
                let (token, cookie) = try await harness.anonymousFormToken("/sign-in?next=\(next)")
                let response = try await harness.request(
                    .post, "/sign-in?next=\(next)",
                    form: [
                        "_csrf": token, "email": "tab@example.org", "password": "correct horse battery",
                        "next": next.removingPercentEncoding ?? next,
                    ],
                    headers: [.cookie: cookie])
                #expect(response.headers[.location] == "/home")
            }
        }
    }

    @Test("what was typed as the email is never stored as text, in the log or the counters", arguments: TestDatabaseKind.available)
    func typedEmailNotStored(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let typed = "my secret password typed in the wrong box"
            _ = try await signIn(harness, email: typed, password: "x")
            let stored =
                try await harness.environment.database.strings("SELECT target || ' ' || detail FROM audit_events")
                + harness.environment.database.strings("SELECT id FROM sign_in_limits")
            #expect(!stored.joined().contains("secret"))
            #expect(stored.contains { $0.hasPrefix("sign-in:") })
        }
    }

    @Test("a busy session still ends 12 hours after sign-in", arguments: TestDatabaseKind.available)
    func absoluteLifetime(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            for _ in 1...35 {
                harness.clock.advance(by: 20 * 60)
                #expect(try await harness.request(.get, "/home", as: staff).status == .ok)
            }
            harness.clock.advance(by: 25 * 60)
            #expect(try await harness.request(.get, "/home", as: staff).status == .seeOther)
        }
    }

    @Test("cookies are Secure automatically when the public address is https", arguments: TestDatabaseKind.available)
    func secureFromPublicURL(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind, configuration: WebConfiguration(publicURL: "https://confidant.example.org", bcryptCost: 4)) { harness in
            _ = try await harness.browser(.staff, email: "https@example.org")
            let response = try await signIn(harness, email: "https@example.org", password: "correct horse battery")
            #expect(response.sessionCookie?.contains("Secure") == true)
        }
    }

    @Test("signing out ends the session; its cookie no longer works", arguments: TestDatabaseKind.available)
    func signOut(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let dsl = try await harness.browser(.dsl)
            let forged = try await harness.request(.post, "/sign-out", as: dsl, form: ["_csrf": "forged"])
            #expect(forged.status == .forbidden)
            let response = try await harness.request(.post, "/sign-out", as: dsl, form: [:])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/sign-in?signed-out=1")
            let after = try await harness.request(.get, "/home", as: dsl)
            #expect(after.status == .seeOther)
        }
    }

    @Test("a session idle for longer than the timeout has ended", arguments: TestDatabaseKind.available)
    func idleTimeout(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            harness.clock.advance(by: 29 * 60)
            #expect(try await harness.request(.get, "/home", as: staff).status == .ok)
            harness.clock.advance(by: 31 * 60)
            let response = try await harness.request(.get, "/home", as: staff)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/sign-in?next=%2Fhome")
        }
    }
}

/// The parts of a response the sign-in tests look at.
struct TestResponseSummary {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    init(_ response: TestResponse) {
        status = response.status
        headers = response.headers
        text = response.text
    }

    var location: String? { headers[.location] }
    var sessionCookie: String? { headers[values: .setCookie].first { $0.hasPrefix("confidant_session=") } }
}
