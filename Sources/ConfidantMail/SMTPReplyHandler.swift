import NIOCore
import NIOSSL

/// The channel handler that turns the relay's bytes into ``SMTPReply`` values and hands each to
/// the one caller waiting for it.
///
/// The client never pipelines, so at most one caller waits at a time. A reply that arrives before
/// anyone asks (the greeting) is kept until asked for. Once the connection fails, every later
/// request fails with the same error.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let eventLoop: any EventLoop
    private var parser = SMTPReplyParser()
    private var input = ByteBuffer()
    private var replies = CircularBuffer<SMTPReply>()
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>)?
    private var failure: SMTPError?
    private var context: ChannelHandlerContext?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Whether bytes or replies arrived that nobody has asked for yet.
    ///
    /// Checked before STARTTLS: anything the server sent after its 220 and before the handshake
    /// was sent in clear text, perhaps injected by an attacker, and must not be read as if it
    /// came over TLS (the STARTTLS command injection of CVE-2011-0411).
    var hasUnreadInput: Bool { input.readableBytes > 0 || !replies.isEmpty || parser.isInsideReply }

    /// The next reply, or a failure: the connection's, or a timeout after `timeout`.
    func nextReply(waitingFor step: String, timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        eventLoop.preconditionInEventLoop()
        if let reply = replies.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard waiter == nil else {
            preconditionFailure("SMTPReplyHandler: a second reply was requested while one was awaited; the client must not pipeline")
        }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let scheduled = eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.fail(with: .timedOut(waitingFor: step))
        }
        waiter = (promise, scheduled)
        return promise.futureResult
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        input.writeBuffer(&bytes)
        do throws(SMTPError) {
            let parsed = try parser.consume(&input)
            input.discardReadBytes()
            for reply in parsed { deliver(reply) }
        } catch {
            fail(with: error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(with: .connectionClosed(during: "the session"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(with: Self.smtpError(for: error))
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    /// Records the first failure, fails the waiting caller with it and closes the connection.
    private func fail(with error: SMTPError) {
        if failure == nil { failure = error }
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.fail(failure ?? error)
        }
        context?.close(promise: nil)
    }

    /// The SMTP error for an error raised in the pipeline, TLS errors above all.
    static func smtpError(for error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError:
            return error
        case let error as NIOSSLError:
            if case .uncleanShutdown = error { return .connectionClosed(during: "the TLS session") }
            return .tlsFailed(reason: String(describing: error))
        case let error as NIOSSLExtraError:
            return .tlsFailed(reason: String(describing: error))
        case let error as BoringSSLError:
            return .tlsFailed(reason: String(describing: error))
        default:
            return .connectionClosed(during: "the session (\(error))")
        }
    }
}
