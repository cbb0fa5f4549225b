import ConfidantCore
import ConfidantTestSupport
import Foundation
import HTTPTypes
import Testing

@testable import ConfidantWeb

@Suite("Every route states who may call it")
struct RouteAccessTests {
    /// The routes anyone may call. A new public route must be added here on purpose.
    static let publicRoutes: Set<String> = [
        "GET /", "GET /health", "GET /sign-in", "POST /sign-in",
        "GET /setup/{token}", "POST /setup/{token}", "GET /set-password/{token}", "POST /set-password/{token}",
        "GET /api/v1/session",
        "GET /shares/{id}/code", "POST /shares/{id}/code", "POST /shares/{id}/code/open",
        // A contact without an account opens a share's files with their code's pass; the handler checks it or the session.
        "GET /shares/{id}/files/{file}", "GET /shares/{id}/files/{file}/download",
        // A transfer's contact, the same way: a code, then a pass for the transfer's downloads and its receipt; a
        // receiving Confidant confirms receipt with the token the bundle carries.
        "GET /transfers/{id}/code", "POST /transfers/{id}/code", "POST /transfers/{id}/code/open", "GET /transfers/{id}/file.pdf",
        "GET /transfers/{id}/bundle", "POST /transfers/{id}/confirm", "POST /transfers/{id}/receipt",
        "GET /explain", "GET /explain/{audience}", "GET /explain/{audience}/qr.svg", "GET /explain/{audience}/talk",
    ]

    static func concretePath(_ path: String) -> String {
        path.replacingOccurrences(of: "{id}", with: UUID().uuidString).replacingOccurrences(of: "{token}", with: "not-a-token")
            .replacingOccurrences(of: "{audience}", with: "children").replacingOccurrences(of: "{rule}", with: "consent")
    }

    @Test(
        "the stylesheet and the script are served to everyone, cacheable, with the pages' security headers, and nothing else is",
        arguments: TestDatabaseKind.available)
    func staticFiles(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            for (path, type, needle) in [
                ("/static/confidant.css", "text/css", "AA contrast"), ("/static/share-form.js", "text/javascript", "function"),
            ] {
                let response = try await harness.request(.get, path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                #expect(response.headers[.cacheControl]?.contains("max-age=3600") == true, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] != nil, "\(path)")
                #expect(response.text.contains(needle), "\(path)")
            }
            for path in ["/static/../Templates/layout.mustache", "/static/%2e%2e/Templates/layout.mustache"] {
                let status = try await harness.request(.get, path).status
                #expect(status == .badRequest || status == .notFound, "\(path): \(status)")
            }
            let missing = try await harness.request(.get, "/static/missing.css")
            #expect(missing.status == .notFound)
            // An error page under /static is a page like any other: never cached.
            #expect(missing.headers[.cacheControl] == "no-store")
        }
    }

    @Test("only the intended routes are open to everyone", arguments: TestDatabaseKind.available)
    func publicRoutesAreIntended(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let open = Set(harness.declared.filter { $0.access == .everyone }.map { "\($0.method) \($0.path)" })
            #expect(open == Self.publicRoutes)
            #expect(harness.declared.count == Set(harness.declared).count, "a route is declared twice")
        }
    }

    @Test("an anonymous request to any protected route is refused: 401, or a redirect to sign-in for pages", arguments: TestDatabaseKind.available)
    func anonymousRefused(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let (token, cookie) = try await harness.anonymousFormToken()
            for route in harness.declared where route.access != .everyone {
                let path = Self.concretePath(route.path)
                let method = HTTPRequest.Method(route.method)!
                let response = try await harness.request(
                    method, path, form: method == .get ? nil : ["_csrf": token], headers: [.cookie: cookie])
                if method == .get && !path.hasPrefix("/api/") {
                    #expect(response.status == .seeOther, "\(route.method) \(route.path)")
                    #expect(response.headers[.location]?.hasPrefix("/sign-in?next=") == true, "\(route.method) \(route.path)")
                } else {
                    #expect(response.status == .unauthorized, "\(route.method) \(route.path)")
                }
            }
        }
    }

    @Test("a signed-in person whose role is not allowed gets 403 from every protected route", arguments: TestDatabaseKind.available)
    func wrongRoleRefused(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            var browsers: [UserRole: WebHarness.Browser] = [:]
            for role in UserRole.allCases { browsers[role] = try await harness.browser(role) }
            var checked = 0
            for route in harness.declared {
                guard case .roles(let allowed) = route.access else { continue }
                for role in UserRole.allCases where !allowed.contains(role) {
                    let method = HTTPRequest.Method(route.method)!
                    let response = try await harness.request(
                        method, Self.concretePath(route.path), as: browsers[role], form: method == .get ? nil : [:])
                    #expect(response.status == .forbidden, "\(role.rawValue) → \(route.method) \(route.path)")
                    checked += 1
                }
            }
            #expect(checked > 0)
        }
    }

    /// The routes open to someone who has not acknowledged the current policy. A new one must be added here on purpose.
    /// The induction, signing out, keeping a session going, and finishing signing in (the second factor) come before the policy.
    static let beforeInduction: Set<String> = [
        "POST /session/keep-alive",
        "GET /induction", "POST /induction", "POST /sign-out", "GET /sign-in/code", "POST /sign-in/code",
        "GET /account/second-factor", "POST /account/second-factor", "GET /step-up", "POST /step-up",
    ]

    @Test(
        "until they acknowledge the current policy, a signed-in person gets the policy from every route",
        arguments: TestDatabaseKind.available)
    func inductionGatesEveryRoute(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let open = Set(harness.declared.filter(\.beforeInduction).map { "\($0.method) \($0.path)" })
            #expect(open == Self.beforeInduction)
            try await PolicyRouteTests.publishVersion(harness)
            var browsers: [UserRole: WebHarness.Browser] = [:]
            for role in UserRole.allCases { browsers[role] = try await harness.browser(role) }
            var checked = 0
            for route in harness.declared where !route.beforeInduction {
                guard case .roles(let allowed) = route.access else { continue }
                for role in UserRole.allCases where allowed.contains(role) {
                    let method = HTTPRequest.Method(route.method)!
                    let response = try await harness.request(
                        method, Self.concretePath(route.path), as: browsers[role], form: method == .get ? nil : [:])
                    if route.path.hasPrefix("/api/") {
                        #expect(response.status == .forbidden, "\(role.rawValue) → \(route.method) \(route.path)")
                        #expect(response.text.contains("policy_not_acknowledged"), "\(role.rawValue) → \(route.method) \(route.path)")
                    } else {
                        #expect(response.status == .seeOther, "\(role.rawValue) → \(route.method) \(route.path)")
                        let expected = method == .get ? "/induction?next=" : "/induction"
                        #expect(response.headers[.location]?.hasPrefix(expected) == true, "\(role.rawValue) → \(route.method) \(route.path)")
                    }
                    checked += 1
                }
            }
            #expect(checked > 100)
            let induction = try await harness.request(.get, "/induction", as: browsers[.staff])
            #expect(induction.status == .ok)
            #expect(induction.text.contains("Check of understanding"))
        }
    }

    @Test("an unknown address is a 404 page, an unknown API address a JSON 404", arguments: TestDatabaseKind.available)
    func unknownRoutes(kind: TestDatabaseKind) async throws {
        try await WebHarness.run(kind) { harness in
            let page = try await harness.request(.get, "/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.text.contains("Page not found"))
            let api = try await harness.request(.get, "/api/v1/no-such-thing")
            #expect(api.status == .notFound)
            #expect(api.text.contains(#""code":"not_found""#))
        }
    }
}
