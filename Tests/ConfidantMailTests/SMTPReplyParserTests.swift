import NIOCore
import Testing

@testable import ConfidantMail

@Suite struct SMTPReplyParserTests {
    private func parse(_ chunks: [String]) throws -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer()
        var replies: [SMTPReply] = []
        for chunk in chunks {
            buffer.writeString(chunk)
            replies += try parser.consume(&buffer)
        }
        return replies
    }

    @Test func readsASingleLineReply() throws {
        #expect(try parse(["220 mail.example.org ESMTP ready\r\n"]) == [SMTPReply(code: 220, lines: ["mail.example.org ESMTP ready"])])
    }

    @Test func readsAMultiLineReplyAsOne() throws {
        let replies = try parse(["250-mail.example.org\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"])
        #expect(replies == [SMTPReply(code: 250, lines: ["mail.example.org", "STARTTLS", "AUTH PLAIN LOGIN", "8BITMIME"])])
    }

    @Test func joinsLinesSplitAcrossReadsAndAcceptsBareLineFeeds() throws {
        let replies = try parse(["25", "0-first\r", "\n250 last\n354 go ahead\r\n", "221 bye"])
        #expect(replies == [SMTPReply(code: 250, lines: ["first", "last"]), SMTPReply(code: 354, lines: ["go ahead"])])
    }

    @Test func acceptsACodeWithoutText() throws {
        #expect(try parse(["250\r\n"]) == [SMTPReply(code: 250, lines: [""])])
    }

    @Test(arguments: ["hello\r\n", "25\r\n", "250x\r\n", "650 no such class\r\n", "250-one\r\n251 two\r\n"])
    func refusesAMalformedReply(_ text: String) {
        let error = #expect(throws: SMTPError.self) { try parse([text]) }
        guard case .malformedReply = error else {
            Issue.record("expected malformedReply, got \(String(describing: error))")
            return
        }
    }

    @Test func refusesAnEndlessLine() {
        #expect(throws: SMTPError.self) { try parse([String(repeating: "x", count: 5000)]) }
    }

    @Test func readsCapabilitiesFromEHLO() {
        let reply = SMTPReply(
            code: 250, lines: ["mail.example.org greets you", "PIPELINING", "auth login plain", "AUTH=LOGIN", "STARTTLS", "SIZE 1000"])
        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.supportsStartTLS)
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN"])
        #expect(capabilities.preferredAuthMechanism == .plain)
        #expect(!capabilities.keywords.contains("MAIL.EXAMPLE.ORG"))
    }

    @Test(arguments: [
        (["x", "AUTH LOGIN"], SMTPAuthMechanism?.some(.login)),
        (["x", "AUTH CRAM-MD5 XOAUTH2"], nil),
        (["x"], nil),
    ])
    func choosesTheAuthMechanism(_ lines: [String], expected: SMTPAuthMechanism?) {
        #expect(SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: lines)).preferredAuthMechanism == expected)
    }
}
