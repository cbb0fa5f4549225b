import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import HummingbirdOTP
import HummingbirdTesting
import Testing

@testable import ConfidantWeb

@Suite("A second factor after the password, recovery codes, and step-up")
struct SecondFactorTests {
    /// Signs in with the password and returns the response and the session cookie it set.
    func password(_ harness: WebHarness, _ email: String, _ password: String = "correct horse battery") async throws -> (TestResponse, String) {
        let (token, cookie) = try await harness.anonymousFormToken()
        let response = try await harness.request(
            .post, "/sign-in", form: ["_csrf": token, "email": email, "password": password, "next": "/triage"], headers: [.cookie: cookie])
        let session = response.headers[values: .setCookie].first { $0.hasPrefix("confidant_session=") } ?? ""
        return (response, String(session.prefix { $0 != ";" }))
    }

    /// The CSRF token a page's form carries.
    func csrf(_ page: TestResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)).output.1)
    }

    /// The code an authenticator app given this base32 key shows at the harness's time.
    func code(_ key: String, _ harness: WebHarness, offset: Double = 0) -> String {
        String(format: "%06d", TOTP(secret: Self.base32Decoded(key)).compute(date: harness.clock.now.addingTimeInterval(offset)))
    }

    /// The text whose UTF-8 bytes a base32 key stands for (HummingbirdOTP keys an HMAC with a string's bytes).
    static func base32Decoded(_ key: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0, value = 0
        var bytes: [UInt8] = []
        for character in key where character != "=" {
            guard let index = alphabet.firstIndex(of: character) else { continue }
            value = value << 5 | index
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Enrols through the pages as a lead who has just typed their password; returns the secret and the full session cookie.
    func enrol(_ harness: WebHarness, email: String) async throws -> (secret: String, cookie: String, codes: [String]) {
        let (response, cookie) = try await password(harness, email)
        #expect(response.headers[.location] == "/account/second-factor?next=%2Ftriage")
        // Nothing else opens with the password alone.
        let home = try await harness.request(.get, "/home", headers: [.cookie: cookie])
        #expect(home.headers[.location]?.hasPrefix("/account/second-factor") == true)
        let page = try await harness.request(.get, "/account/second-factor?next=%2Ftriage", headers: [.cookie: cookie])
        #expect(page.text.contains("<svg"))
        let secret = String(try #require(page.text.firstMatch(of: /<code id="manual-key">([A-Z2-7 ]+)<\/code>/)).output.1)
            .replacingOccurrences(of: " ", with: "")
        let wrong = try await harness.request(
            .post, "/account/second-factor", form: ["_csrf": try csrf(page), "code": "000000", "next": "/triage"],
            headers: [.cookie: cookie])
        #expect(wrong.status == .badRequest)
        let done = try await harness.request(
            .post, "/account/second-factor",
            form: ["_csrf": try csrf(page), "code": code(secret, harness), "next": "/triage"],
            headers: [.cookie: cookie])
        #expect(done.status == .ok)
        let codes = done.text.matches(of: /<li><code>([a-z0-9-]{19})<\/code><\/li>/).map { String($0.output.1) }
        #expect(codes.count == 10)
        let full = String(try #require(done.headers[values: .setCookie].first { $0.hasPrefix("confidant_session=") }).prefix { $0 != ";" })
        return (secret, full, codes)
    }

    @Test("a session halfway through signing in can still sign out, and is gone afterwards", arguments: TestDatabaseKind.available)
    func signOutHalfway(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await harness.browser(.dsl, email: "dana@example.org")
            _ = try await enrol(harness, email: "dana@example.org")
            harness.clock.advance(by: 60)
            let (_, cookie) = try await password(harness, "dana@example.org")
            let page = try await harness.request(.get, "/sign-in/code", headers: [.cookie: cookie])
            let out = try await harness.request(.post, "/sign-out", form: ["_csrf": try csrf(page)], headers: [.cookie: cookie])
            #expect(out.status == .seeOther)
            #expect(try await harness.request(.get, "/sign-in/code", headers: [.cookie: cookie]).status != .ok)
        }
    }

    @Test(
        "a lead must set up an authenticator before anything opens, and then needs its code at every sign-in",
        arguments: TestDatabaseKind.available)
    func leadEnrolsAndUsesCode(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await harness.browser(.dsl, email: "dana@example.org")
            let (secret, full, _) = try await enrol(harness, email: "dana@example.org")
            #expect(try await harness.request(.get, "/triage", headers: [.cookie: full]).status == .ok)

            harness.clock.advance(by: 60)
            let (response, cookie) = try await password(harness, "dana@example.org")
            #expect(response.headers[.location] == "/sign-in/code?next=%2Ftriage")
            #expect(try await harness.request(.get, "/triage", headers: [.cookie: cookie]).status == .seeOther)
            let page = try await harness.request(.get, "/sign-in/code?next=%2Ftriage", headers: [.cookie: cookie])
            let right = code(secret, harness)
            let signedIn = try await harness.request(
                .post, "/sign-in/code", form: ["_csrf": try csrf(page), "code": right, "next": "/triage"],
                headers: [.cookie: cookie])
            #expect(signedIn.headers[.location] == "/triage")
            // The same code never works twice, even within its 30 seconds.
            let (_, again) = try await password(harness, "dana@example.org")
            let page2 = try await harness.request(.get, "/sign-in/code", headers: [.cookie: again])
            let replay = try await harness.request(
                .post, "/sign-in/code", form: ["_csrf": try csrf(page2), "code": right, "next": "/triage"],
                headers: [.cookie: again])
            #expect(replay.status == .unauthorized)
        }
    }

    @Test("a recovery code signs in once, and is gone afterwards", arguments: TestDatabaseKind.available)
    func recoveryCode(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await harness.browser(.auditor, email: "ari@example.org")
            let (_, _, codes) = try await enrol(harness, email: "ari@example.org")
            for attempt in 0..<2 {
                let (_, cookie) = try await password(harness, "ari@example.org")
                let page = try await harness.request(.get, "/sign-in/code", headers: [.cookie: cookie])
                let response = try await harness.request(
                    .post, "/sign-in/code",
                    form: ["_csrf": try csrf(page), "code": codes[0].uppercased(), "next": "/audit"],
                    headers: [.cookie: cookie])
                #expect(response.status == (attempt == 0 ? .seeOther : .unauthorized))
            }
            #expect(try await harness.environment.audit.events(from: 1, limit: 500).contains { $0.action == .recoveryCodeUsed })
        }
    }

    @Test("guessing codes after a stolen password is slowed like passwords are", arguments: TestDatabaseKind.available)
    func codeGuessesSlowed(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await harness.browser(.admin, email: "adam@example.org")
            _ = try await enrol(harness, email: "adam@example.org")
            let (_, cookie) = try await password(harness, "adam@example.org")
            let page = try await harness.request(.get, "/sign-in/code", headers: [.cookie: cookie])
            var statuses: [HTTPResponse.Status] = []
            for guess in 0..<7 {
                statuses.append(
                    try await harness.request(
                        .post, "/sign-in/code", form: ["_csrf": try csrf(page), "code": String(format: "%06d", guess)],
                        headers: [.cookie: cookie]
                    ).status)
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test("changing a role needs the password and code again (step-up)", arguments: TestDatabaseKind.available)
    func stepUpBeforeRoleChange(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin, steppedUp: false)
            let person = try await harness.browser(.staff)
            let response = try await harness.request(.post, "/admin/users/\(person.user.id)/role", as: admin, form: ["role": "manager"])
            #expect(response.headers[.location] == "/step-up?next=%2Fadmin%2Fusers")
            #expect(try await harness.environment.users.find(id: person.user.id)?.role == .staff)
            let wrong = try await harness.request(.post, "/step-up", as: admin, form: ["password": "not it", "next": "/admin/users"])
            #expect(wrong.status == .unauthorized)
            let right = try await harness.request(.post, "/step-up", as: admin, form: ["password": "correct horse battery", "next": "/admin/users"])
            #expect(right.headers[.location] == "/admin/users")
            _ = try await harness.request(.post, "/admin/users/\(person.user.id)/role", as: admin, form: ["role": "manager"])
            #expect(try await harness.environment.users.find(id: person.user.id)?.role == .manager)
        }
    }

    @Test(
        "common and repeated passwords are refused", arguments: ["passwordpassword", "qwerty123456", "123456789012", "abcabcabcabc", "iloveyou1234"])
    func commonPasswords(password: String) {
        #expect(PasswordRule.problem(with: password, email: "x@example.org") != nil)
    }

    @Test("three random words are not", arguments: ["plum river lantern", "correct horse battery", "seven tall windmills"])
    func goodPasswords(password: String) {
        #expect(PasswordRule.problem(with: password, email: "x@example.org") == nil)
    }

    @Test("a burst of 100 wrong passwords for one account checks at most five", arguments: TestDatabaseKind.available)
    func burst(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            _ = try await harness.browser(.staff, email: "kim@example.org")
            let (token, cookie) = try await harness.anonymousFormToken()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        try await harness.request(
                            .post, "/sign-in", form: ["_csrf": token, "email": "kim@example.org", "password": "guess \(index)"],
                            headers: [.cookie: cookie]
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 95)
            let checked = try await harness.environment.audit.events(from: 1, limit: 1000)
                .filter { $0.action == .signInFailed && $0.detail.contains("wrong_password") }
            #expect(checked.count == 5)
        }
    }
}
