/// Why a ``MailMessage`` or ``MailAddress`` could not be built.
public enum MailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A header value contains a carriage return or line feed, which could add headers of its own.
    case headerInjection(field: String)
    /// An address is not of the form `local@domain` in ASCII.
    case invalidAddress(String, reason: String)
    /// The message id cannot be used in a Message-ID header.
    case invalidMessageID(String)
    /// The message has no recipient.
    case noRecipients

    public var description: String {
        switch self {
        case .headerInjection(let field):
            return "The \(field) contains a line break, which is not allowed in a mail header."
        case .invalidAddress(let address, let reason):
            return "'\(address.prefix(100))' is not a usable email address: \(reason)."
        case .invalidMessageID(let id):
            return "'\(id.prefix(100))' cannot be a Message-ID: use letters, digits and . - _ + only."
        case .noRecipients:
            return "The message has no recipient."
        }
    }
}
