/// One reply from an SMTP server: a three-digit code and one or more lines of text (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    /// The reply code, e.g. 250 or 535.
    public let code: Int
    /// The text of each line after the code and its separator, e.g. `["mail.example.org", "STARTTLS"]`.
    public let lines: [String]

    /// A reply from its code and lines.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx and 3xx: the command was accepted (3xx: go on with more input).
    public var isPositive: Bool { (200..<400).contains(code) }

    /// 5xx: the server will not accept this as it is; sending it again will not help.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// The reply as the server sent it, lines joined by " / ".
    public var description: String {
        lines.isEmpty ? String(code) : "\(code) " + lines.joined(separator: " / ")
    }
}
