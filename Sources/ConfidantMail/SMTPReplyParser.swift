import NIOCore

/// Splits the bytes from an SMTP server into lines and the lines into replies.
///
/// A multi-line reply is `250-first`, `250-second`, …, `250 last`: every line but the last has a
/// hyphen after the code (RFC 5321 §4.2.1). Lines end in CRLF; a bare LF is tolerated.
struct SMTPReplyParser {
    /// Longest reply line accepted, in bytes. RFC 5321 allows 512; real servers send longer
    /// EHLO lines, but a server that sends kilobytes without a line end is misbehaving.
    static let maximumLineLength = 4096

    private var code: Int?
    private var lines: [String] = []

    /// Whether the lines of a multi-line reply have begun to arrive but the last has not.
    var isInsideReply: Bool { code != nil }

    /// Takes every complete line out of `buffer` and returns the replies they complete.
    mutating func consume(_ buffer: inout ByteBuffer) throws(SMTPError) -> [SMTPReply] {
        var replies: [SMTPReply] = []
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readableBytesView.startIndex
            guard length <= Self.maximumLineLength,
                var bytes = buffer.readBytes(length: length + 1)
            else { throw .malformedReply("a reply line is longer than \(Self.maximumLineLength) bytes") }
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if let reply = try parse(line: String(decoding: bytes, as: UTF8.self)) { replies.append(reply) }
        }
        guard buffer.readableBytes <= Self.maximumLineLength else {
            throw .malformedReply("a reply line is longer than \(Self.maximumLineLength) bytes")
        }
        return replies
    }

    /// Adds one line (without its line end) and returns the reply when it was the last line.
    mutating func parse(line: String) throws(SMTPError) -> SMTPReply? {
        let characters = Array(line.utf8)
        guard characters.count >= 3,
            characters[0..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(characters[0]),
            let lineCode = Int(String(decoding: characters[0..<3], as: UTF8.self))
        else { throw .malformedReply("'\(line.prefix(80))' does not start with a reply code") }

        let separator = characters.count > 3 ? characters[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .malformedReply("'\(line.prefix(80))' has no space or hyphen after its reply code")
        }
        if let code, code != lineCode {
            throw .malformedReply("a multi-line reply changed its code from \(code) to \(lineCode)")
        }
        lines.append(characters.count > 4 ? String(decoding: characters[4...], as: UTF8.self) : "")
        guard separator == UInt8(ascii: " ") else {
            code = lineCode
            return nil
        }
        let reply = SMTPReply(code: lineCode, lines: lines)
        code = nil
        lines = []
        return reply
    }
}
