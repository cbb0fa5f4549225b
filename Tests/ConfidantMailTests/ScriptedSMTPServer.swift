import NIOCore
import NIOPosix
import Synchronization

/// A tiny SMTP server on loopback that answers each command line from a script, for dialogue
/// cases a real relay will not produce (no greeting, HELO only, data injected before TLS).
final class ScriptedSMTPServer: Sendable {
    private let channel: any Channel
    private let received: Transcript

    /// The port it listens on, on 127.0.0.1.
    var port: Int { channel.localAddress?.port ?? 0 }

    /// Every line the client sent, in order (DATA lines included, with their dots).
    var transcript: [String] { received.lines.withLock { $0 } }

    /// Starts listening; `greeting` is sent on connect (nil: never), `respond` answers each line
    /// outside DATA with the full reply text (nil: say nothing). After a 354 reply, lines are
    /// collected until the lone dot, which is answered `250 queued`.
    init(greeting: String?, respond: @escaping @Sendable (String) -> String?) async throws {
        let received = Transcript()
        self.received = received
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ScriptHandler(greeting: greeting, respond: respond, record: { line in received.lines.withLock { $0.append(line) } })
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// Stops listening.
    func stop() async {
        try? await channel.close()
    }
}

private final class Transcript: Sendable {
    let lines = Mutex<[String]>([])
}

private final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let greeting: String?
    private let respond: @Sendable (String) -> String?
    private let record: @Sendable (String) -> Void
    private var input = ByteBuffer()
    private var inData = false

    init(greeting: String?, respond: @escaping @Sendable (String) -> String?, record: @escaping @Sendable (String) -> Void) {
        self.greeting = greeting
        self.respond = respond
        self.record = record
    }

    func channelActive(context: ChannelHandlerContext) {
        if let greeting { send(greeting, context: context) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        input.writeBuffer(&bytes)
        while let newline = input.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
            let line = input.readString(length: newline - input.readableBytesView.startIndex + 1)
        {
            // "\r\n" is one Character in Swift, as is "\n": dropping one removes either line end.
            let text = String(line.dropLast())
            record(text)
            if inData {
                if text == "." {
                    inData = false
                    send("250 queued\r\n", context: context)
                }
            } else if let reply = respond(text) {
                send(reply, context: context)
                inData = reply.hasPrefix("354")
                if text == "QUIT" { context.close(promise: nil) }
            }
        }
    }

    private func send(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }
}
