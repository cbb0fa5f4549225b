import ConfidantCore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import NIOCore
import Testing

@testable import ConfidantWeb

@Suite("Bad input gets a clear 4xx, never a 500")
struct HostileInputTests {
    @Test(
        "every response carries the security headers; signed-in pages are never cached, public ones only revalidated",
        arguments: TestDatabaseKind.available)
    func securityHeaders(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let staff = try await harness.browser(.staff)
            for (uri, browser) in [("/", nil), ("/sign-in", nil), ("/home", staff), ("/nope", nil), ("/api/v1/session", nil)]
                as [(String, WebHarness.Browser?)]
            {
                let response = try await harness.request(.get, uri, as: browser)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("frame-ancestors 'none'"), "\(uri)")
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                // The landing page for someone not signed in is a public page (`PublicPageCache`); nothing else may be kept.
                let expected = uri == "/" ? "private, no-cache" : "no-store"
                #expect(response.headers[.cacheControl] == expected, "\(uri)")
            }
        }
    }

    @Test("a body over the limit is refused with 413 before it is read", arguments: TestDatabaseKind.available)
    func oversizedBody(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind, configuration: WebConfiguration(maxRequestBodyBytes: 2048, bcryptCost: 4)) { harness in
            let admin = try await harness.browser(.admin)
            let response = try await harness.request(
                .post, "/admin/users", as: admin,
                form: ["name": String(repeating: "a", count: 5000), "email": "big@example.org", "role": "staff"])
            #expect(response.status == .contentTooLarge)
            #expect(try await harness.environment.users.count() == 1)
        }
    }

    @Test("malformed form encoding, wrong content type and wrong methods are 4xx", arguments: TestDatabaseKind.available)
    func malformedForms(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let broken = try await harness.client.execute(
                uri: "/admin/users", method: .post,
                headers: [
                    .cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded",
                    HTTPField.Name("X-CSRF-Token")!: admin.csrfToken,
                ],
                body: ByteBuffer(string: "name=%ZZ&email=%&role=staff"))
            #expect(broken.status == .badRequest)
            let wrongType = try await harness.client.execute(
                uri: "/admin/users", method: .post,
                headers: [.cookie: admin.cookie, .contentType: "text/plain", HTTPField.Name("X-CSRF-Token")!: admin.csrfToken],
                body: ByteBuffer(string: "hello"))
            #expect(wrongType.status == .unsupportedMediaType)
            let wrongMethod = try await harness.request(.delete, "/home", as: admin, headers: [HTTPField.Name("X-CSRF-Token")!: admin.csrfToken])
            #expect((400..<500).contains(wrongMethod.status.code))
            #expect(try await harness.environment.users.count() == 1)
        }
    }

    @Test("a link to a later page of a list that is not one is a 400 with a way back, never a crash", arguments: TestDatabaseKind.available)
    func malformedPageLinks(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let lead = try await harness.browser(.dsl)
            for path in [
                "/tasks?done_after=yesterday", "/tasks?done_after=1e999_00000000-0000-0000-0000-000000000000",
                "/shares?received_after=%00", "/shares?proposed_after=12_notanid", "/triage?after=" + String(repeating: "9", count: 500),
            ] {
                let page = try await harness.request(.get, path, as: lead)
                #expect(page.status == .badRequest, "\(path)")
                #expect(page.text.contains("Start again from"), "\(path)")
            }
            let first = try await harness.request(.get, "/tasks?done_after=1700000000.5_00000000-0000-0000-0000-000000000000", as: lead)
            #expect(first.status == .ok && first.text.contains("Done earlier"))
        }
    }

    @Test("hostile text is escaped in pages, never interpreted", arguments: TestDatabaseKind.available)
    func escaping(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let admin = try await harness.browser(.admin)
            let response = try await harness.request(
                .post, "/admin/users", as: admin,
                form: ["name": "<script>alert(1)</script>", "email": "xss@example.org", "role": "staff"])
            #expect(response.status == .created)
            #expect(!response.text.contains("<script>alert(1)</script>"))
            #expect(response.text.contains("&lt;script&gt;"))
        }
    }

    @Test("odd session cookies and bearer tokens are treated as signed out, not as errors", arguments: TestDatabaseKind.available)
    func oddCredentials(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            for cookie in ["confidant_session=", "confidant_session=\(String(repeating: "x", count: 5000))", "confidant_session=%00%ff"] {
                let response = try await harness.request(.get, "/home", headers: [.cookie: cookie])
                #expect(response.status == .seeOther, "\(cookie.prefix(40))")
            }
            for authorization in ["Bearer", "Bearer nope", "Basic abc", String(repeating: "B", count: 3000)] {
                let response = try await harness.request(.get, "/api/v1/users", headers: [.authorization: authorization])
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("the health endpoint reports the database", arguments: TestDatabaseKind.available)
    func health(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let response = try await harness.request(.get, "/health")
            #expect(response.status == .ok)
            #expect(response.text == #"{"database":"reachable","status":"ok"}"#)
        }
    }
}
