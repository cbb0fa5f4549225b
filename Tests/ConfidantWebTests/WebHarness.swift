import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

@testable import ConfidantWeb

/// A web application on a fresh database with a hand-moved clock, and ways to act as each role.
struct WebHarness: Sendable {
    let environment: WebEnvironment
    let clock: TestClock
    let declared: [DeclaredRoute]
    let client: any TestClientProtocol

    /// The data-encryption key of every test application.
    static let dataKey = DataKey(key: SymmetricKey(size: .bits256), id: "k-test")
    static let dataKeys = DataKeyRing(keys: [dataKey])!

    /// The checkpoint key of every test application: fixed, so checkpoints signed in a test verify.
    static let auditKey = try! AuditSigningKey(seed: [UInt8](repeating: 3, count: 32))

    /// A signed-in browser: the cookies and CSRF token its requests carry.
    struct Browser: Sendable {
        let user: UserAccount
        let sessionToken: String
        let csrfToken: String

        var cookie: String { "confidant_session=\(sessionToken)" }
    }

    /// Runs `body` against a new application on a new database of `kind`, built as `confidant serve` builds it
    /// (every middleware, route and background service), with fixed keys, no relay and a hand-moved clock.
    static func run(
        _ kind: TestDatabaseKind, configuration: WebConfiguration = WebConfiguration(bcryptCost: 4),
        mail: ApplicationSettings.Mail = .outboxOnly,
        _ body: @Sendable @escaping (WebHarness) async throws -> Void
    ) async throws {
        try await withTestDatabase(kind) { database in
            let clock = TestClock()
            var logger = Logger(label: "confidant-test")
            logger.logLevel = .warning
            let settings = ApplicationSettings(
                web: configuration, keys: .given(WebHarness.dataKeys, WebHarness.auditKey), mail: mail, announceFirstRun: false,
                clock: { clock.now })
            let built = try await ConfidantApplication.build(settings: settings, database: database, logger: logger)
            try await built.application.test(.router) { client in
                try await body(WebHarness(environment: built.environment, clock: clock, declared: built.declared, client: client))
            }
        }
    }

    /// Creates an account with a password and a live session, without going through the pages; the session
    /// has just confirmed itself (step-up) unless `steppedUp` is false.
    func browser(_ role: UserRole, email: String? = nil, steppedUp: Bool = true) async throws -> Browser {
        let email = email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8))@example.org"
        let hash = try await environment.hashPassword("correct horse battery")
        let user = try await environment.users.create(
            try AccountDetails(name: "Test \(role.title)", email: email), role: role, passwordHash: hash, now: clock.now, by: "system")
        let session = try await environment.sessions.start(userID: user.id, now: clock.now, address: "127.0.0.1")
        if steppedUp { try await environment.sessions.stepUp(token: session.token, now: clock.now) }
        return Browser(user: user, sessionToken: session.token, csrfToken: session.csrfToken)
    }

    /// A request as `browser` (or anonymous), with its CSRF token on state-changing methods.
    func request(
        _ method: HTTPRequest.Method, _ uri: String, as browser: Browser? = nil, form: [String: String]? = nil,
        repeated: [String: [String]] = [:], json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        var fields = form
        if let browser {
            headers[.cookie] = [headers[.cookie], browser.cookie].compactMap { $0 }.joined(separator: "; ")
            if method != .get, form != nil, fields?["_csrf"] == nil { fields?["_csrf"] = browser.csrfToken }
            if method != .get, json != nil, headers[values: HTTPField.Name("X-CSRF-Token")!].isEmpty {
                headers[HTTPField.Name("X-CSRF-Token")!] = browser.csrfToken
            }
        }
        var body: ByteBuffer?
        if let fields {
            headers[.contentType] = "application/x-www-form-urlencoded"
            // Checkboxes of one name send one field each, as a browser does.
            let lists = repeated.sorted { $0.key < $1.key }.flatMap { key, values in values.map { Self.encode([key: $0]) } }
            body = ByteBuffer(string: ([Self.encode(fields)] + lists).filter { !$0.isEmpty }.joined(separator: "&"))
        } else if let json {
            headers[.contentType] = headers[.contentType] ?? "application/json"
            body = ByteBuffer(string: json)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// Form-encodes fields the way a browser does.
    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// Fetches a page shown before sign-in and returns the form token it set, with the cookie to send back.
    func anonymousFormToken(_ uri: String = "/sign-in") async throws -> (token: String, cookie: String) {
        let response = try await request(.get, uri)
        let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("confidant_form=") } ?? ""
        let token = String(setCookie.dropFirst("confidant_form=".count).prefix { $0 != ";" })
        return (token, "confidant_form=\(token)")
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}
