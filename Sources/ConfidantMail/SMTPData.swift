/// The DATA section of an SMTP transaction (RFC 5321 §4.1.1.4 and §4.5.2).
enum SMTPData {
    /// The text to send after the 354 reply: CRLF line ends throughout, a leading dot doubled on
    /// every line so that no line of the message reads as the end marker, and the end marker itself.
    static func encode(_ message: String) -> String {
        var lines = MailEncoding.lines(message)
        if lines.last == "" { lines.removeLast() }
        let stuffed = lines.map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return stuffed.map { $0 + "\r\n" }.joined() + ".\r\n"
    }
}
