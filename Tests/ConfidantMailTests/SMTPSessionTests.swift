import Testing

@testable import ConfidantMail

/// The SMTP dialogue against a scripted server on loopback: the cases a real relay rarely shows.
@Suite struct SMTPSessionTests {
    private func message(body: String = "Hello") throws -> MailMessage {
        try MailMessage(
            id: "outbox-7", from: MailAddress("noreply@confidant.example"), to: MailAddress("worker@council.example"),
            subject: "Test", body: body, date: .init(timeIntervalSince1970: 0)
        )
    }

    private func client(port: Int, security: SMTPConfiguration.Security = .plaintext, timeout: Duration = .seconds(5)) throws -> SMTPClient {
        try SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: port, security: security, connectTimeout: timeout, replyTimeout: timeout
            ))
    }

    /// Answers like a relay from before ESMTP: EHLO is unknown, HELO works.
    private static func oldRelay(_ line: String) -> String? {
        switch line.prefix(4) {
        case "EHLO": return "502 5.5.2 command not recognised\r\n"
        case "HELO": return "250 old.example\r\n"
        case "MAIL", "RCPT", "RSET": return "250 ok\r\n"
        case "DATA": return "354 end with <CRLF>.<CRLF>\r\n"
        case "QUIT": return "221 bye\r\n"
        default: return "500 what?\r\n"
        }
    }

    @Test func fallsBackToHELOAndSendsDotStuffedData() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220-old.example\r\n220 ready\r\n", respond: Self.oldRelay)
        try await client(port: server.port).send(try message(body: ".secret line\nend"))
        await server.stop()
        let transcript = server.transcript
        #expect(transcript.first == "EHLO localhost")
        #expect(transcript.contains("HELO localhost"))
        #expect(transcript.contains("MAIL FROM:<noreply@confidant.example>"))
        #expect(transcript.contains("RCPT TO:<worker@council.example>"))
        #expect(transcript.contains("..secret line"))
        #expect(transcript.contains("Message-ID: <outbox-7@confidant.example>"))
        #expect(transcript.last == "QUIT")
    }

    @Test func aRelayThatNeverGreetsTimesOutAsATransientError() async throws {
        let server = try await ScriptedSMTPServer(greeting: nil, respond: { _ in nil })
        let error = await #expect(throws: SMTPError.self) {
            // Long enough for the connection itself on a loaded machine (the same timeout covers connecting), short
            // enough to show that a silent relay is given up on.
            try await client(port: server.port, timeout: .seconds(2)).send(try message())
        }
        await server.stop()
        #expect(error == .timedOut(waitingFor: "the greeting"))
        #expect(error?.isPermanent == false)
        // The timeout error is the proof that the client gave up on its own. How long that took is not asserted: on
        // the loaded two-core machine a full `swift test` once took 74 s to run this 2-second wait.
    }

    @Test func aRefusedConnectionIsATransientError() async throws {
        let server = try await ScriptedSMTPServer(greeting: nil, respond: { _ in nil })
        let port = server.port
        await server.stop()
        let error = await #expect(throws: SMTPError.self) { try await client(port: port).send(try message()) }
        guard case .connectionFailed = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.isPermanent == false)
    }

    @Test func aRelayThatSendsDataBeforeTheTLSHandshakeIsRefused() async throws {
        // A man in the middle can append a reply to the relay's 220 so that it is read as if it
        // came over TLS; the client must notice the extra bytes and stop.
        let server = try await ScriptedSMTPServer(greeting: "220 relay.example\r\n") { line in
            switch line {
            case "EHLO localhost": return "250-relay.example\r\n250 STARTTLS\r\n"
            case "STARTTLS": return "220 go ahead\r\n250-relay.example\r\n250 AUTH PLAIN\r\n"
            default: return "500 no\r\n"
            }
        }
        let error = await #expect(throws: SMTPError.self) {
            try await client(port: server.port, security: .startTLS).send(try message())
        }
        await server.stop()
        guard case .malformedReply(let reason) = error else {
            Issue.record("expected malformedReply, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("STARTTLS"))
        #expect(!server.transcript.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") })
    }

    @Test func aRelayWithoutSTARTTLSIsRefusedBeforeAnyMailIsSent() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 relay.example\r\n") { line in
            line.hasPrefix("EHLO") ? "250-relay.example\r\n250 AUTH PLAIN LOGIN\r\n" : "250 ok\r\n"
        }
        let error = await #expect(throws: SMTPError.self) {
            try await client(port: server.port, security: .startTLS).send(try message())
        }
        await server.stop()
        #expect(error == .startTLSNotOffered(host: "127.0.0.1"))
        #expect(!server.transcript.contains { $0.hasPrefix("MAIL") || $0.hasPrefix("AUTH") })
    }

    @Test func aTemporaryRejectionIsTransientAndTheNextMessageStillGoes() async throws {
        let server = try await ScriptedSMTPServer(greeting: "220 relay.example\r\n") { line in
            if line == "RCPT TO:<busy@council.example>" { return "451 4.3.0 try again later\r\n" }
            return Self.oldRelay(line)
        }
        let busy = try MailMessage(
            id: "outbox-8", from: MailAddress("noreply@confidant.example"), to: MailAddress("busy@council.example"),
            subject: "Test", body: "b", date: .init(timeIntervalSince1970: 0)
        )
        let results = try await client(port: server.port).send([busy, try message()])
        await server.stop()
        guard case .failure(let error) = results.first else {
            Issue.record("expected the first message to fail, got \(results)")
            return
        }
        #expect(error.isPermanent == false)
        #expect((try? results.last?.get()) != nil)
        #expect(server.transcript.contains("RSET"))
    }
}
