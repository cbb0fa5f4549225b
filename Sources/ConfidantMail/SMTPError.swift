/// Why sending mail failed, and whether trying again later could help.
///
/// ``isPermanent`` is the outbox's guide: a permanent error will recur until a person changes
/// something (the address, the password, the relay's settings), so the message should not be
/// retried on a timer; a transient one (a 4xx reply, a dropped connection, a timeout) may well
/// pass on the next attempt. ``rejected(command:reply:)`` concerns one message; the other cases
/// concern the relay, and every message sent in the same attempt fails with them.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The TCP connection could not be made (refused, unreachable, name not resolved).
    case connectionFailed(host: String, port: Int, reason: String)
    /// The relay closed the connection, or it broke, while the client waited for `step`.
    case connectionClosed(during: String)
    /// No connection or no reply within the configured time.
    case timedOut(waitingFor: String)
    /// The TLS handshake failed, e.g. the certificate is not trusted or names another host.
    case tlsFailed(reason: String)
    /// The configuration requires STARTTLS (always, on smtp://) and the relay does not offer it.
    case startTLSNotOffered(host: String)
    /// Credentials are configured but the relay offers no mechanism this client speaks (PLAIN, LOGIN).
    case authenticationNotOffered(offered: [String])
    /// The relay refused the user name and password (5xx), or could not check them now (4xx).
    case authenticationFailed(SMTPReply)
    /// The relay refused a command about the message: MAIL FROM, RCPT TO or DATA.
    case rejected(command: String, reply: SMTPReply)
    /// The relay refused the session itself: its greeting, EHLO/HELO or STARTTLS.
    case sessionRefused(command: String, reply: SMTPReply)
    /// The relay sent something that is not an SMTP reply, or data it should not have sent.
    case malformedReply(String)

    /// Whether retrying without a change by a person is pointless: every 5xx reply, a missing
    /// STARTTLS or AUTH offer, and a failed TLS handshake (an untrusted certificate stays untrusted).
    public var isPermanent: Bool {
        switch self {
        case .connectionFailed, .connectionClosed, .timedOut, .malformedReply:
            return false
        case .tlsFailed, .startTLSNotOffered, .authenticationNotOffered:
            return true
        case .authenticationFailed(let reply), .rejected(_, let reply), .sessionRefused(_, let reply):
            return reply.isPermanentFailure
        }
    }

    public var description: String {
        switch self {
        case .connectionFailed(let host, let port, let reason):
            return "Could not connect to the mail relay \(host):\(port): \(reason)."
        case .connectionClosed(let step):
            return "The mail relay closed the connection during \(step)."
        case .timedOut(let step):
            return "The mail relay did not answer in time (waiting for \(step))."
        case .tlsFailed(let reason):
            return "The TLS handshake with the mail relay failed: \(reason). Check the relay's certificate and the ca= option."
        case .startTLSNotOffered(let host):
            return "The mail relay \(host) does not offer STARTTLS, so nothing was sent; use smtps:// or enable STARTTLS on the relay."
        case .authenticationNotOffered(let offered):
            let list = offered.isEmpty ? "none" : offered.sorted().joined(separator: ", ")
            return "The mail relay offers no login mechanism this client supports (PLAIN, LOGIN); it offers: \(list)."
        case .authenticationFailed(let reply):
            return "The mail relay refused the SMTP user name and password: \(reply)."
        case .rejected(let command, let reply):
            return "The mail relay refused \(command): \(reply)."
        case .sessionRefused(let command, let reply):
            return "The mail relay refused the session at \(command): \(reply)."
        case .malformedReply(let reason):
            return "The mail relay sent an invalid reply: \(reason)."
        }
    }
}
