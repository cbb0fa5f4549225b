import Foundation

/// A plain-text email ready to be sent: sender, recipients, subject, body, a stable id and a date.
///
/// ``rendered()`` gives the RFC 5322 text. The body is always quoted-printable UTF-8, which every
/// relay carries unchanged (it is 7-bit ASCII with short lines), so the client need not check for
/// 8BITMIME. The Message-ID is built from the caller's id, normally the outbox row's id, so a
/// message sent again after a failure keeps its Message-ID and a recipient's client can tell the
/// two copies are one message.
public struct MailMessage: Sendable, Hashable {
    /// The id chosen by the caller, the left part of the Message-ID.
    public let id: String
    /// The sender, also used as the envelope sender (MAIL FROM).
    public let from: MailAddress
    /// The recipients, also used as the envelope recipients (RCPT TO).
    public let to: [MailAddress]
    /// The subject, any text without line breaks.
    public let subject: String
    /// The plain-text body; any line ends.
    public let body: String
    /// When the message was written, for the Date header.
    public let date: Date

    /// Checks and keeps a message; throws ``MailMessageError`` for a line break in the subject,
    /// an unusable id, or no recipients.
    public init(
        id: String, from: MailAddress, to: [MailAddress], subject: String, body: String, date: Date
    ) throws(MailMessageError) {
        guard !to.isEmpty else { throw .noRecipients }
        guard !subject.contains(where: \.isNewline) else { throw .headerInjection(field: "subject") }
        guard Self.isValidID(id) else { throw .invalidMessageID(id) }
        self.id = id
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
    }

    /// A message to a single recipient.
    public init(id: String, from: MailAddress, to: MailAddress, subject: String, body: String, date: Date) throws(MailMessageError) {
        try self.init(id: id, from: from, to: [to], subject: subject, body: body, date: date)
    }

    /// The Message-ID header's value: `<id@sender-domain>`.
    public var messageID: String { "<\(id)@\(from.domain)>" }

    /// The message as RFC 5322 text with CRLF line ends: headers, a blank line, the encoded body.
    public func rendered() -> String {
        let headers = [
            "Date: \(MailEncoding.date(date))",
            "From: \(from.headerValue)",
            "To: \(Self.addressList(to))",
            "Subject: \(MailEncoding.headerText(subject))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + MailEncoding.quotedPrintable(body) + "\r\n"
    }

    /// Addresses separated by commas, folded onto a new line before one would pass 76 characters.
    static func addressList(_ addresses: [MailAddress]) -> String {
        var text = ""
        var column = 4  // "To: "
        for (index, address) in addresses.enumerated() {
            let value = address.headerValue
            if index > 0 {
                if column + 2 + value.count > 76 {
                    text += ",\r\n "
                    column = 1
                } else {
                    text += ", "
                    column += 2
                }
            }
            text += value
            column += value.count
        }
        return text
    }

    /// Whether an id is a dot-atom of letters, digits and `-_+`, as a Message-ID's left part must be.
    static func isValidID(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 200, !id.hasPrefix("."), !id.hasSuffix("."), !id.contains("..") else {
            return false
        }
        return id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || Set(".-_+".utf8).contains(byte)
        }
    }
}
