import Testing

@testable import ConfidantMail

@Suite struct SMTPErrorTests {
    @Test(arguments: [
        (SMTPError.rejected(command: "RCPT TO:<a@b.example>", reply: SMTPReply(code: 550, lines: ["no such user"])), true),
        (.rejected(command: "MAIL FROM", reply: SMTPReply(code: 451, lines: ["try again"])), false),
        (.authenticationFailed(SMTPReply(code: 535, lines: ["bad credentials"])), true),
        (.authenticationFailed(SMTPReply(code: 454, lines: ["temporary failure"])), false),
        (.sessionRefused(command: "the greeting", reply: SMTPReply(code: 554, lines: ["go away"])), true),
        (.sessionRefused(command: "the greeting", reply: SMTPReply(code: 421, lines: ["busy"])), false),
        (.startTLSNotOffered(host: "relay.example.org"), true),
        (.authenticationNotOffered(offered: ["CRAM-MD5"]), true),
        (.tlsFailed(reason: "certificate verify failed"), true),
        (.connectionFailed(host: "relay.example.org", port: 587, reason: "refused"), false),
        (.connectionClosed(during: "DATA"), false),
        (.timedOut(waitingFor: "the greeting"), false),
        (.malformedReply("garbage"), false),
    ])
    func saysWhetherRetryingCanHelp(_ error: SMTPError, permanent: Bool) {
        #expect(error.isPermanent == permanent)
    }

    @Test func describesTheReplyTheRelaySent() {
        let error = SMTPError.rejected(command: "RCPT TO:<a@b.example>", reply: SMTPReply(code: 550, lines: ["5.1.1 no such user"]))
        #expect(error.description == "The mail relay refused RCPT TO:<a@b.example>: 550 5.1.1 no such user.")
    }
}
