import Foundation
import Testing

@testable import ConfidantMail

@Suite struct MailEncodingTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("café", "caf=C3=A9"),
        ("a=b", "a=3Db"),
        ("ends in a space ", "ends in a space=20"),
        ("ends in a tab\t", "ends in a tab=09"),
        ("one\ntwo\r\nthree\rfour", "one\r\ntwo\r\nthree\r\nfour"),
        ("trailing \nspace", "trailing=20\r\nspace"),
    ])
    func encodesQuotedPrintable(_ text: String, expected: String) {
        #expect(MailEncoding.quotedPrintable(text) == expected)
    }

    @Test func breaksLongLinesWithSoftBreaksOfAtMost76Characters() {
        let text = String(repeating: "abcdé ", count: 40) + "\n" + String(repeating: "=", count: 100)
        let encoded = MailEncoding.quotedPrintable(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 4)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().filter { !$0.hasSuffix("=") }.count == 1)  // only the hard break between the two lines
        #expect(Self.decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test(arguments: ["", "Ünïcödé 🎉 text\nwith = signs and \ttabs\t\n.leading dot", String(repeating: "日本語のテキスト", count: 20)])
    func quotedPrintableRoundTrips(_ text: String) {
        let encoded = MailEncoding.quotedPrintable(text)
        #expect(encoded.utf8.allSatisfy { $0 < 128 })
        #expect(Self.decodeQuotedPrintable(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func leavesPlainASCIIHeaderTextAlone() {
        #expect(MailEncoding.headerText("Your one-time code") == "Your one-time code")
    }

    @Test(arguments: [
        "Réinitialisez votre mot de passe", "Looks =?like?= an encoded word", String(repeating: "long subject ", count: 10),
        String(repeating: "秘密保持の通知 ", count: 12) + "🔒",
    ])
    func encodesOtherHeaderTextAsRFC2047Words(_ text: String) throws {
        let encoded = MailEncoding.headerText(text)
        let words = encoded.components(separatedBy: "\r\n ")
        for word in words {
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            #expect(word.count <= 75)
            // Each word decodes to whole UTF-8 characters by itself (no character is split).
            let payload = String(word.dropFirst(10).dropLast(2))
            let bytes = try #require(Data(base64Encoded: payload))
            #expect(String(data: bytes, encoding: .utf8) != nil)
        }
        let decoded = try words.map { word in
            try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }.reduce(Data(), +)
        #expect(String(decoding: decoded, as: UTF8.self) == text)
    }

    @Test(arguments: [
        ("Confidant", "Confidant"),
        ("Smith, Jo", "\"Smith, Jo\""),
        ("Say \"hi\"", "\"Say \\\"hi\\\"\""),
        ("Zoë", "=?utf-8?B?Wm/Dqw==?="),
    ])
    func writesDisplayNamesAsPhrases(_ name: String, expected: String) {
        #expect(MailEncoding.phrase(name) == expected)
    }

    @Test(arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (1_735_689_599.9, "Tue, 31 Dec 2024 23:59:59 +0000"),
        (1_795_000_000, "Wed, 18 Nov 2026 11:06:40 +0000"),
        (-1, "Wed, 31 Dec 1969 23:59:59 +0000"),
    ])
    func writesRFC5322DatesInUTC(_ seconds: Double, expected: String) {
        #expect(MailEncoding.date(Date(timeIntervalSince1970: seconds)) == expected)
    }

    /// A quoted-printable decoder written independently of the encoder, for round trips.
    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
                let byte = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
