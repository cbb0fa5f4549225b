import Foundation
import Testing

@testable import ConfidantMail

/// Sends real mail to tests/mail/smtp_server.py (aiosmtpd), started by tests/mail/start_smtp.sh.
///
/// The tests run when `CONFIDANT_TEST_SMTP_URL`, `CONFIDANT_TEST_SMTPS_URL`,
/// `CONFIDANT_TEST_SMTP_PLAIN_PORT` and `CONFIDANT_TEST_SMTP_MAILDIR` are set; with
/// `CONFIDANT_REQUIRE_SMTP=1` their absence is a failure rather than a skip.
@Suite(.serialized) struct SMTPClientLiveTests {
    static let environment = ProcessInfo.processInfo.environment
    static let startTLSURL = environment["CONFIDANT_TEST_SMTP_URL"]
    static let implicitTLSURL = environment["CONFIDANT_TEST_SMTPS_URL"]
    static let plainPort = environment["CONFIDANT_TEST_SMTP_PLAIN_PORT"]
    static let maildir = environment["CONFIDANT_TEST_SMTP_MAILDIR"]
    static let isConfigured = startTLSURL != nil && implicitTLSURL != nil && plainPort != nil && maildir != nil

    @Test func theTestRelayIsThereWhenRequired() {
        guard Self.environment["CONFIDANT_REQUIRE_SMTP"] == "1" else { return }
        #expect(Self.isConfigured, "CONFIDANT_REQUIRE_SMTP=1 but the test relay's variables are missing; start it with tests/mail/start_smtp.sh")
    }

    @Test(.enabled(if: isConfigured))
    func deliversOverSTARTTLSWithAuthPlain() async throws {
        let message = try Self.message(
            subject: "Réinitialisez votre mot de passe — 🔒 Confidant",
            body: "Bonjour Zoë,\n.\n..two dots\ntrailing space \n" + String(repeating: "une ligne très longue ", count: 10) + "\n\n— l’équipe"
        )
        try await Self.client(Self.startTLSURL).send(message)

        let received = try Self.received(message)
        #expect(received.subject == message.subject)
        #expect(received.body == message.body + "\n")
        #expect(received.from == "Confidant <noreply@confidant.example>")
        #expect(received.mailFrom == "noreply@confidant.example")
        #expect(received.rcptTos == ["worker@council.example"])
        #expect(received.contentType == "text/plain" && received.charset == "utf-8")
        #expect(received.tls && received.authenticatedAs == "confidant")
        #expect(received.authMechanism == "PLAIN")
    }

    @Test(.enabled(if: isConfigured))
    func deliversOverImplicitTLSWithAuthLogin() async throws {
        let message = try Self.message(subject: "Your one-time code", body: "Your code is 123 456.")
        try await Self.client(Self.implicitTLSURL).send(message)
        let received = try Self.received(message)
        #expect(received.subject == "Your one-time code")
        #expect(received.body == "Your code is 123 456.\n")
        #expect(received.tls && received.authenticatedAs == "confidant")
        #expect(received.authMechanism == "LOGIN")  // the relay offers only LOGIN on this port
    }

    @Test(.enabled(if: isConfigured))
    func aWrongPasswordIsAPermanentAuthenticationError() async throws {
        let startTLSURL = try #require(Self.startTLSURL)
        var url = try #require(URLComponents(string: startTLSURL))
        url.percentEncodedPassword = "wrong"
        let message = try Self.message(subject: "never sent", body: "x")
        let error = await #expect(throws: SMTPError.self) { try await Self.client(url.string).send(message) }
        guard case .authenticationFailed(let reply) = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(reply.code == 535)
        #expect(error?.isPermanent == true)
    }

    @Test(.enabled(if: isConfigured))
    func aBatchGoesOverOneConnectionAndARefusedRecipientFailsOnlyItsMessage() async throws {
        let first = try Self.message(subject: "first", body: "1")
        let refused = try Self.message(subject: "refused", body: "2", to: "nobody@reject.example")
        let third = try Self.message(subject: "third", body: "3")
        let results = try await Self.client(Self.startTLSURL).send([first, refused, third])
        try #require(results.count == 3)
        #expect((try? results[0].get()) != nil)
        #expect((try? results[2].get()) != nil)
        guard case .failure(let error) = results[1], case .rejected(let command, let reply) = error else {
            Issue.record("expected the second message to be rejected, got \(results[1])")
            return
        }
        #expect(command == "RCPT TO:<nobody@reject.example>" && reply.code == 550 && error.isPermanent)
        #expect(try Self.received(first).subject == "first")
        #expect(try Self.received(third).subject == "third")
    }

    @Test(.enabled(if: isConfigured))
    func credentialsAreNeverSentToARelayWithoutSTARTTLS() async throws {
        let port = try #require(Self.plainPort)
        let url = "smtp://confidant:secret@127.0.0.1:\(port)?timeout=10"
        let error = await #expect(throws: SMTPError.self) { try await Self.client(url).send(try Self.message(subject: "s", body: "b")) }
        #expect(error == .startTLSNotOffered(host: "127.0.0.1"))
        #expect(error?.isPermanent == true)
    }

    @Test(.enabled(if: isConfigured))
    func aLoopbackRelayWithoutTLSIsUsedOnlyWhenAskedFor() async throws {
        let message = try Self.message(subject: "plain", body: "over loopback")
        let port = try #require(Self.plainPort)
        try await Self.client("smtp://127.0.0.1:\(port)?starttls=never&timeout=10").send(message)
        let received = try Self.received(message)
        #expect(received.body == "over loopback\n")
        #expect(!received.tls)
    }

    @Test(.enabled(if: isConfigured))
    func aCertificateOutsideTheTrustRootsIsRefused() async throws {
        // The same relay, but trusting only the system roots, which do not include the test CA.
        let startTLSURL = try #require(Self.startTLSURL)
        var url = try #require(URLComponents(string: startTLSURL))
        url.queryItems = [URLQueryItem(name: "timeout", value: "10")]
        let error = await #expect(throws: SMTPError.self) {
            try await Self.client(url.string).send(try Self.message(subject: "s", body: "b"))
        }
        guard case .tlsFailed = error else {
            Issue.record("expected tlsFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.isPermanent == true)
    }

    // MARK: - Helpers

    static func client(_ url: String?) throws -> SMTPClient {
        let text = try #require(url)
        return try SMTPClient(configuration: SMTPConfiguration(url: text))
    }

    static func message(subject: String, body: String, to: String = "worker@council.example") throws -> MailMessage {
        try MailMessage(
            id: "test-" + UUID().uuidString.lowercased(),
            from: MailAddress("noreply@confidant.example", displayName: "Confidant"),
            to: MailAddress(to), subject: subject, body: body, date: Date()
        )
    }

    /// What the relay recorded for a message, found by its Message-ID.
    struct Received: Decodable {
        let subject: String
        let body: String
        let from: String
        let mailFrom: String
        let rcptTos: [String]
        let contentType: String
        let charset: String?
        let tls: Bool
        let authenticatedAs: String?
        let authMechanism: String?
        let messageId: String?
    }

    static func received(_ message: MailMessage) throws -> Received {
        let path = try #require(Self.maildir)
        let directory = URL(fileURLWithPath: path)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".json") {
            let record = try decoder.decode(Received.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
            if record.messageId == message.messageID { return record }
        }
        throw LiveTestError.notReceived(message.messageID)
    }

    enum LiveTestError: Error { case notReceived(String) }
}
