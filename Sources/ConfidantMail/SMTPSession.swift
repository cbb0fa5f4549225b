import Foundation
import Logging
import NIOCore
import NIOSSL

/// One SMTP dialogue with the relay: greeting, EHLO, STARTTLS, AUTH, then one transaction per message.
///
/// The order of steps is RFC 5321 §3 and §4.1 with RFC 3207 (STARTTLS) and RFC 4954 (AUTH):
/// after STARTTLS the client forgets what it was told and says EHLO again, and credentials are
/// sent only once the connection is encrypted.
struct SMTPSession {
    private var connection: SMTPConnection
    private let logger: Logger

    private init(connection: SMTPConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects, upgrades to TLS when configured, and logs in when credentials are configured.
    static func open(
        configuration: SMTPConfiguration, tlsContext: NIOSSLContext, group: any EventLoopGroup, logger: Logger
    ) async throws(SMTPError) -> SMTPSession {
        logger.debug("SMTP connecting", metadata: ["relay": "\(configuration)"])
        var connection = try await SMTPConnection.connect(
            to: configuration, tlsContext: tlsContext, group: group, logger: logger
        )
        do throws(SMTPError) {
            let greeting = try await connection.reply(to: "the greeting")
            guard greeting.code == 220 else { throw SMTPError.sessionRefused(command: "the greeting", reply: greeting) }
            var capabilities = try await hello(connection, name: configuration.heloName)
            if configuration.security == .startTLS {
                guard capabilities.supportsStartTLS else { throw SMTPError.startTLSNotOffered(host: configuration.host) }
                let reply = try await connection.send("STARTTLS")
                guard reply.code == 220 else { throw SMTPError.sessionRefused(command: "STARTTLS", reply: reply) }
                try await connection.startTLS(
                    context: tlsContext, serverHostname: SMTPConnection.serverHostname(for: configuration.host)
                )
                capabilities = try await hello(connection, name: configuration.heloName)
            }
            if let credentials = configuration.credentials {
                // SMTPConfiguration already refuses credentials without TLS; this is the last guard.
                guard connection.isEncrypted else { throw SMTPError.startTLSNotOffered(host: configuration.host) }
                try await authenticate(connection, credentials: credentials, capabilities: capabilities)
            }
        } catch {
            await connection.close()
            throw error
        }
        return SMTPSession(connection: connection, logger: logger)
    }

    /// Says EHLO, or HELO to a server that does not know EHLO, and returns what it supports.
    private static func hello(_ connection: SMTPConnection, name: String) async throws(SMTPError) -> SMTPCapabilities {
        let reply = try await connection.send("EHLO \(name)")
        if reply.code == 250 { return SMTPCapabilities(ehloReply: reply) }
        guard reply.isPermanentFailure else { throw .sessionRefused(command: "EHLO", reply: reply) }
        let helo = try await connection.send("HELO \(name)")
        guard helo.code == 250 else { throw .sessionRefused(command: "HELO", reply: helo) }
        return .none
    }

    /// Logs in with AUTH PLAIN, or AUTH LOGIN when that is all the server offers.
    private static func authenticate(
        _ connection: SMTPConnection, credentials: SMTPConfiguration.Credentials, capabilities: SMTPCapabilities
    ) async throws(SMTPError) {
        guard let mechanism = capabilities.preferredAuthMechanism else {
            throw .authenticationNotOffered(offered: Array(capabilities.authMechanisms))
        }
        var reply: SMTPReply
        switch mechanism {
        case .plain:
            let token = base64("\0\(credentials.username)\0\(credentials.password)")
            reply = try await connection.send("AUTH PLAIN \(token)", loggedAs: "AUTH PLAIN <credentials>")
        case .login:
            reply = try await connection.send("AUTH LOGIN")
            guard reply.code == 334 else { throw .authenticationFailed(reply) }
            reply = try await connection.send(base64(credentials.username), loggedAs: "<user name>")
            guard reply.code == 334 else { throw .authenticationFailed(reply) }
            reply = try await connection.send(base64(credentials.password), loggedAs: "<password>")
        }
        guard reply.code == 235 else { throw .authenticationFailed(reply) }
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// Sends one message in one transaction: MAIL FROM, RCPT TO for each recipient, DATA.
    ///
    /// A refused recipient fails the whole message, so that no one gets a message that the
    /// outbox then records as failed and sends again.
    func deliver(_ message: MailMessage) async throws(SMTPError) {
        var reply = try await connection.send("MAIL FROM:<\(message.from.address)>")
        guard reply.code == 250 else { throw .rejected(command: "MAIL FROM", reply: reply) }
        for recipient in message.to {
            reply = try await connection.send("RCPT TO:<\(recipient.address)>")
            guard reply.code == 250 || reply.code == 251 else {
                throw .rejected(command: "RCPT TO:<\(recipient.address)>", reply: reply)
            }
        }
        reply = try await connection.send("DATA")
        guard reply.code == 354 else { throw .rejected(command: "DATA", reply: reply) }
        try await connection.write(SMTPData.encode(message.rendered()), step: "the message text")
        reply = try await connection.reply(to: "the reply to the message text")
        guard reply.code == 250 else { throw .rejected(command: "the message text", reply: reply) }
    }

    /// Abandons a refused transaction so that the next message can start afresh.
    func reset() async throws(SMTPError) {
        let reply = try await connection.send("RSET")
        guard reply.code == 250 else { throw .sessionRefused(command: "RSET", reply: reply) }
    }

    /// Says QUIT and closes; a relay that does not answer is not waited for beyond the reply timeout.
    func quit() async {
        _ = try? await connection.send("QUIT")
        await connection.close()
    }
}
