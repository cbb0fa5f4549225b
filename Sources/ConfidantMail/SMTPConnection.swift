import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to the relay, seen as commands sent and replies awaited.
///
/// It knows nothing of the SMTP dialogue (``SMTPSession`` does); it writes lines, waits for
/// replies with a timeout, and can switch to TLS in the middle of the connection for STARTTLS.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>
    private let replyTimeout: TimeAmount
    private let logger: Logger

    /// Whether the bytes on the wire are encrypted now (from the start, or after STARTTLS).
    private(set) var isEncrypted: Bool

    /// Connects to the configured relay, with TLS from the start for implicit TLS.
    static func connect(
        to configuration: SMTPConfiguration, tlsContext: NIOSSLContext?, group: any EventLoopGroup, logger: Logger
    ) async throws(SMTPError) -> SMTPConnection {
        let implicitTLSContext = configuration.security == .implicitTLS ? tlsContext : nil
        let serverHostname = Self.serverHostname(for: configuration.host)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLSContext {
                        let tls = try NIOSSLClientHandler(context: implicitTLSContext, serverHostname: serverHostname)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(eventLoop: channel.eventLoop))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch ChannelError.connectTimeout {
            throw .timedOut(waitingFor: "a connection to \(configuration.host):\(configuration.port)")
        } catch {
            throw .connectionFailed(host: configuration.host, port: configuration.port, reason: String(describing: error))
        }
        do {
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(
                channel: channel, handler: handler, replyTimeout: TimeAmount(configuration.replyTimeout),
                logger: logger, isEncrypted: implicitTLSContext != nil
            )
        } catch {
            channel.close(promise: nil)
            throw SMTPReplyHandler.smtpError(for: error)
        }
    }

    /// The name to send in SNI and check the certificate against; nil for an IP address, which
    /// NIOSSL then checks against the certificate's IP address entries instead.
    static func serverHostname(for host: String) -> String? {
        let isIPv4 =
            host.split(separator: ".", omittingEmptySubsequences: false).count == 4
            && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
        return isIPv4 || host.contains(":") ? nil : host
    }

    /// Waits for the next reply; `step` names what is awaited, for a timeout's message.
    func reply(to step: String) async throws(SMTPError) -> SMTPReply {
        let handler = self.handler
        let timeout = replyTimeout
        do {
            let reply = try await channel.eventLoop.flatSubmit {
                handler.value.nextReply(waitingFor: step, timeout: timeout)
            }.get()
            logger.trace("SMTP reply", metadata: ["reply": "\(reply)"])
            return reply
        } catch {
            throw SMTPReplyHandler.smtpError(for: error)
        }
    }

    /// Sends one command line and waits for its reply. `loggedAs` replaces the line in the log
    /// when it carries a secret (AUTH).
    func send(_ command: String, loggedAs: String? = nil) async throws(SMTPError) -> SMTPReply {
        logger.debug("SMTP command", metadata: ["command": "\(loggedAs ?? command)"])
        try await write(command + "\r\n", step: loggedAs ?? command)
        return try await reply(to: loggedAs ?? command)
    }

    /// Writes raw text (the DATA section) without waiting for a reply.
    func write(_ text: String, step: String) async throws(SMTPError) {
        do {
            try await channel.writeAndFlush(ByteBuffer(string: text)).get()
        } catch {
            // The handler knows better why the channel closed (a TLS alert, a timeout).
            let reason = await failure(during: step)
            throw reason
        }
    }

    /// Switches the connection to TLS after the relay's 220 reply to STARTTLS.
    mutating func startTLS(context: NIOSSLContext, serverHostname: String?) async throws(SMTPError) {
        let channel = self.channel
        let handler = self.handler
        do {
            try await channel.eventLoop.submit {
                guard !handler.value.hasUnreadInput else {
                    throw SMTPError.malformedReply("the relay sent data after agreeing to STARTTLS, before the TLS handshake")
                }
                let tls = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
            }.get()
        } catch {
            channel.close(promise: nil)
            throw SMTPReplyHandler.smtpError(for: error)
        }
        isEncrypted = true
    }

    /// Closes the connection; errors are ignored because there is nothing left to do with it.
    func close() async {
        try? await channel.close()
    }

    /// The error the handler recorded for a closed connection, or a generic one.
    private func failure(during step: String) async -> SMTPError {
        do throws(SMTPError) {
            _ = try await reply(to: step)
            return .connectionClosed(during: step)
        } catch {
            return error
        }
    }
}
