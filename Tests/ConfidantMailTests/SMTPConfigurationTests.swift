import Testing

@testable import ConfidantMail

@Suite struct SMTPConfigurationTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let url: String
        let host: String
        let port: Int
        let security: SMTPConfiguration.Security
        let username: String?
        let password: String?
        var trustRoots: SMTPConfiguration.TrustRoots = .system
        var testDescription: String { url }
    }

    @Test(arguments: [
        Valid(url: "smtp://user:pass@mail.example.org", host: "mail.example.org", port: 587, security: .startTLS, username: "user", password: "pass"),
        Valid(
            url: "smtps://user:pass@mail.example.org", host: "mail.example.org", port: 465, security: .implicitTLS, username: "user", password: "pass"
        ),
        Valid(url: "SMTP://relay.example.org:2525", host: "relay.example.org", port: 2525, security: .startTLS, username: nil, password: nil),
        Valid(
            url: "smtp://u%40org.example:p%3Ass%2F%20w%C3%B6rd@relay.example.org", host: "relay.example.org", port: 587, security: .startTLS,
            username: "u@org.example", password: "p:ss/ wörd"),
        Valid(
            url: "smtp://relay.example.org?starttls=required", host: "relay.example.org", port: 587, security: .startTLS, username: nil, password: nil
        ),
        Valid(url: "smtp://127.0.0.1:2525?starttls=never", host: "127.0.0.1", port: 2525, security: .plaintext, username: nil, password: nil),
        Valid(url: "smtp://[::1]:25/?starttls=never", host: "::1", port: 25, security: .plaintext, username: nil, password: nil),
        Valid(
            url: "smtps://a:b@localhost:4650?ca=/tmp/test%20ca.pem", host: "localhost", port: 4650, security: .implicitTLS, username: "a",
            password: "b", trustRoots: .certificateFile("/tmp/test ca.pem")),
    ])
    func parsesAValidURL(_ valid: Valid) throws {
        let configuration = try SMTPConfiguration(url: valid.url)
        #expect(configuration.host == valid.host)
        #expect(configuration.port == valid.port)
        #expect(configuration.security == valid.security)
        #expect(configuration.credentials?.username == valid.username)
        #expect(configuration.credentials?.password == valid.password)
        #expect(configuration.trustRoots == valid.trustRoots)
    }

    @Test func readsTheHeloNameAndTimeout() throws {
        let configuration = try SMTPConfiguration(url: "smtp://relay.example.org?helo=confidant.example.org&timeout=5")
        #expect(configuration.heloName == "confidant.example.org")
        #expect(configuration.connectTimeout == .seconds(5))
        #expect(configuration.replyTimeout == .seconds(5))
        let defaults = try SMTPConfiguration(url: "smtp://relay.example.org")
        #expect(defaults.heloName == "localhost")
        #expect(defaults.connectTimeout == .seconds(10))
        #expect(defaults.replyTimeout == .seconds(60))
    }

    @Test(arguments: [
        ("not a url", SMTPConfigurationError.notAURL),
        ("http://mail.example.org", .unsupportedScheme("http")),
        ("smtp://", .missingHost),
        ("smtp://user:pass@:587", .missingHost),
        ("smtp://mail.example.org:0", .invalidPort("0")),
        ("smtp://mail.example.org:70000", .invalidPort("70000")),
        ("smtp://user@mail.example.org", .incompleteCredentials),
        ("smtp://:secret@mail.example.org", .incompleteCredentials),
        ("smtp://mail.example.org/inbox", .unexpectedPath("/inbox")),
        ("smtp://mail.example.org?startls=never", .unknownOption("startls")),
        ("smtp://mail.example.org?from=a@b.example", .unknownOption("from")),
        ("smtp://mail.example.org?starttls=maybe", .invalidOption(name: "starttls", value: "maybe", expected: "required or never")),
        ("smtp://mail.example.org?timeout=0", .invalidOption(name: "timeout", value: "0", expected: "a whole number of seconds from 1 to 600")),
        ("smtp://mail.example.org?ca=", .invalidOption(name: "ca", value: "", expected: "the path of a PEM file")),
        ("smtps://mail.example.org?starttls=never", .startTLSOptionOnImplicitTLS),
        ("smtp://user:secret@localhost?starttls=never", .credentialsWithoutTLS),
        ("smtp://mail.example.org?starttls=never", .plaintextToRemoteHost("mail.example.org")),
        ("smtp://127.evil.example?starttls=never", .plaintextToRemoteHost("127.evil.example")),
    ])
    func refusesAnInvalidURL(_ url: String, expected: SMTPConfigurationError) {
        #expect(throws: expected) { try SMTPConfiguration(url: url) }
    }

    @Test func neverShowsThePasswordInDescriptionsOrErrors() throws {
        let configuration = try SMTPConfiguration(url: "smtp://mailer:s3cr3t-Pa55@mail.example.org")
        #expect(configuration.description == "smtp://mailer:<redacted>@mail.example.org:587")
        #expect(!String(describing: configuration.credentials).contains("s3cr3t"))
        for url in [
            "smtp://mailer:s3cr3t-Pa55@mail.example.org:99999", "smtp://mailer:s3cr3t-Pa55@mail.example.org?x=1",
            "ftp://mailer:s3cr3t-Pa55@mail.example.org", "smtp://mailer:s3cr3t-Pa55@localhost?starttls=never",
        ] {
            do throws(SMTPConfigurationError) {
                _ = try SMTPConfiguration(url: url)
                Issue.record("\(url) was accepted")
            } catch {
                #expect(!error.description.contains("s3cr3t"), "\(error)")
            }
        }
    }

    @Test func memberwiseInitialiserKeepsTheTLSRules() {
        #expect(throws: SMTPConfigurationError.credentialsWithoutTLS) {
            try SMTPConfiguration(host: "localhost", security: .plaintext, credentials: .init(username: "a", password: "b"))
        }
        #expect(throws: SMTPConfigurationError.plaintextToRemoteHost("10.0.0.5")) {
            try SMTPConfiguration(host: "10.0.0.5", security: .plaintext)
        }
    }

    @Test func aMissingCertificateFileFailsWhenTheClientIsMade() throws {
        let configuration = try SMTPConfiguration(url: "smtps://relay.example.org?ca=/nonexistent/ca.pem")
        let error = #expect(throws: SMTPConfigurationError.self) { try SMTPClient(configuration: configuration) }
        guard case .unreadableCertificateFile(let path, _) = error else {
            Issue.record("expected unreadableCertificateFile, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/ca.pem")
    }
}
