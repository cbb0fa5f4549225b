import Foundation
import Testing

@testable import ConfidantMail

@Suite struct MailMessageTests {
    private func message(
        subject: String = "Set your password", body: String = "Hello", to: [String] = ["worker@council.example"]
    ) throws -> MailMessage {
        try MailMessage(
            id: "outbox-42",
            from: MailAddress("noreply@confidant.example", displayName: "Confidant"),
            to: to.map { try MailAddress($0) },
            subject: subject, body: body,
            date: Date(timeIntervalSince1970: 1_795_000_000)
        )
    }

    @Test func rendersTheHeadersAndAQuotedPrintableBody() throws {
        let text = try message(body: "Follow this link: https://confidant.example/set?token=abc\n\n— Confidant").rendered()
        #expect(
            text == """
                Date: Wed, 18 Nov 2026 11:06:40 +0000\r
                From: Confidant <noreply@confidant.example>\r
                To: worker@council.example\r
                Subject: Set your password\r
                Message-ID: <outbox-42@confidant.example>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                Follow this link: https://confidant.example/set?token=3Dabc\r
                \r
                =E2=80=94 Confidant\r

                """)
    }

    @Test func keepsTheMessageIDOfTheCallersID() throws {
        #expect(try message().messageID == "<outbox-42@confidant.example>")
    }

    @Test func producesOnlyShortASCIILinesEndingInCRLF() throws {
        let text = try message(
            subject: "Votre code à usage unique — ne le partagez pas avec qui que ce soit, même pas avec nous",
            body: String(repeating: "Ligne très longue sans fin ", count: 30) + "\r\n.\r\nfin",
            to: (1...8).map { "recipient\($0)@council.example" }
        ).rendered()
        #expect(text.utf8.allSatisfy { $0 < 128 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
    }

    @Test func foldsAListOfRecipients() throws {
        let to = MailMessage.addressList(try (1...4).map { try MailAddress("someone.with.a.long.name\($0)@council.example") })
        #expect(to.components(separatedBy: "\r\n ").count == 4)
        #expect(MailMessage.addressList([try MailAddress("a@x.example"), try MailAddress("b@x.example")]) == "a@x.example, b@x.example")
    }

    @Test(arguments: ["Hi\r\nBcc: victim@example.org", "Hi\nBcc: x@y.example", "Hi\rthere", "Hi\u{2028}there"])
    func refusesALineBreakInTheSubject(_ subject: String) {
        #expect(throws: MailMessageError.headerInjection(field: "subject")) { try message(subject: subject) }
    }

    @Test func refusesALineBreakInAnAddressOrDisplayName() {
        #expect(throws: MailMessageError.headerInjection(field: "address")) {
            try MailAddress("a@b.example\r\nBcc: c@d.example")
        }
        #expect(throws: MailMessageError.headerInjection(field: "display name")) {
            try MailAddress("a@b.example", displayName: "Evil\nBcc: c@d.example")
        }
    }

    @Test(arguments: [
        "no-at-sign", "@council.example", "worker@", "two@at@signs.example", "sp ace@council.example",
        "worker@council..example", "<worker@council.example>", "wörker@council.example", "a@b.example>,c@d.example",
    ])
    func refusesAMalformedAddress(_ address: String) {
        let error = #expect(throws: MailMessageError.self) { try MailAddress(address) }
        guard case .invalidAddress = error else {
            Issue.record("expected invalidAddress, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: ["", "has space", "a@b", "<x>", ".leading", "double..dot", "new\nline"])
    func refusesAnUnusableMessageID(_ id: String) throws {
        let from = try MailAddress("noreply@confidant.example")
        #expect(throws: MailMessageError.invalidMessageID(id)) {
            try MailMessage(id: id, from: from, to: from, subject: "s", body: "b", date: Date())
        }
    }

    @Test func refusesAMessageWithoutRecipients() throws {
        #expect(throws: MailMessageError.noRecipients) { try message(to: []) }
    }

    @Test(arguments: [
        ("line one\r\nline two", "line one\r\nline two\r\n.\r\n"),
        (".hidden\n..two\nok\r\n", "..hidden\r\n...two\r\nok\r\n.\r\n"),
        ("before\n.\nafter", "before\r\n..\r\nafter\r\n.\r\n"),
        ("bare\rcarriage return", "bare\r\ncarriage return\r\n.\r\n"),
        ("", ".\r\n"),
    ])
    func stuffsDotsAndNormalisesLineEndsInDATA(_ text: String, expected: String) {
        #expect(SMTPData.encode(text) == expected)
    }
}
