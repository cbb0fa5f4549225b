import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mail through the configured relay, one connection per call.
///
/// `send(_:)` with one message throws; with several it sends them all over one connection and
/// reports each one's outcome, because a refused recipient in one message says nothing about
/// the others. Nothing is retried here: the caller (the outbox) decides, using
/// ``SMTPError/isPermanent``.
public struct SMTPClient: Sendable {
    /// Where and how mail is sent.
    public let configuration: SMTPConfiguration
    private let tlsContext: NIOSSLContext
    private let group: any EventLoopGroup
    private let logger: Logger

    /// A client for a relay; reads the `ca=` certificate file now, so a bad file fails at start-up.
    public init(
        configuration: SMTPConfiguration,
        logger: Logger = Logger(label: "confidant.mail"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws(SMTPConfigurationError) {
        self.configuration = configuration
        self.tlsContext = try Self.makeTLSContext(trustRoots: configuration.trustRoots)
        self.group = eventLoopGroup
        self.logger = logger
    }

    /// A TLS 1.2+ client context that verifies the certificate chain and the host name.
    static func makeTLSContext(trustRoots: SMTPConfiguration.TrustRoots) throws(SMTPConfigurationError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        switch trustRoots {
        case .system:
            tls.trustRoots = .default
        case .certificateFile(let path):
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else {
                    throw SMTPConfigurationError.unreadableCertificateFile(path: path, reason: "it holds no certificate")
                }
                tls.trustRoots = .certificates(certificates)
            } catch let error as SMTPConfigurationError {
                throw error
            } catch {
                throw .unreadableCertificateFile(path: path, reason: String(describing: error))
            }
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw .tlsSetupFailed(String(describing: error))
        }
    }

    /// Sends one message; throws ``SMTPError`` when the relay did not accept it.
    public func send(_ message: MailMessage) async throws(SMTPError) {
        if case .failure(let error) = await send([message]).first { throw error }
    }

    /// Sends messages in order over one connection and returns each one's outcome, in the same order.
    ///
    /// A message the relay refuses (``SMTPError/rejected(command:reply:)``) fails alone and the
    /// next one is tried; when the connection, TLS or login fails, that message and all after
    /// it fail with the same error.
    public func send(_ messages: [MailMessage]) async -> [Result<Void, SMTPError>] {
        guard !messages.isEmpty else { return [] }
        let session: SMTPSession
        do throws(SMTPError) {
            session = try await SMTPSession.open(
                configuration: configuration, tlsContext: tlsContext, group: group, logger: logger
            )
        } catch {
            logger.warning("SMTP session failed", metadata: ["relay": "\(configuration)", "error": "\(error)"])
            return messages.map { _ in .failure(error) }
        }
        var results: [Result<Void, SMTPError>] = []
        for message in messages {
            do throws(SMTPError) {
                try await session.deliver(message)
                results.append(.success(()))
                logger.info("SMTP message accepted", metadata: ["message-id": "\(message.messageID)"])
            } catch {
                results.append(.failure(error))
                logger.warning("SMTP message failed", metadata: ["message-id": "\(message.messageID)", "error": "\(error)"])
                var sessionError = error
                if case .rejected = error {
                    do throws(SMTPError) {
                        try await session.reset()
                        continue
                    } catch {
                        sessionError = error
                    }
                }
                let remaining = messages.count - results.count
                results += Array(repeating: .failure(sessionError), count: remaining)
                break
            }
        }
        await session.quit()
        return results
    }
}
