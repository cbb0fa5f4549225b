/// Why an SMTP configuration (usually `CONFIDANT_SMTP_URL`) was refused.
///
/// Every message says what to change. None of them repeats the URL or the password, so the
/// error can be logged and shown to an administrator as it is.
public enum SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a URL at all.
    case notAURL
    /// The scheme is neither `smtp` nor `smtps`.
    case unsupportedScheme(String)
    /// The URL names no host.
    case missingHost
    /// The port is not a number from 1 to 65535.
    case invalidPort(String)
    /// A user name was given without a password, or a password without a user name.
    case incompleteCredentials
    /// The URL has a path, which SMTP URLs do not use.
    case unexpectedPath(String)
    /// A query option this client does not know (a typo should not be silently ignored).
    case unknownOption(String)
    /// A known query option with a value it cannot take.
    case invalidOption(name: String, value: String, expected: String)
    /// `starttls=` was given on an `smtps://` URL, which always uses TLS from the start.
    case startTLSOptionOnImplicitTLS
    /// Plain text was asked for together with a user name and password.
    case credentialsWithoutTLS
    /// Plain text was asked for with a relay that is not on this machine.
    case plaintextToRemoteHost(String)
    /// The certificate authority file (`ca=`) could not be read as PEM certificates.
    case unreadableCertificateFile(path: String, reason: String)
    /// The TLS settings could not be turned into a TLS context.
    case tlsSetupFailed(String)

    public var description: String {
        let shape = "expected smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (implicit TLS)"
        switch self {
        case .notAURL:
            return "The SMTP URL could not be parsed; \(shape). Percent-encode special characters in the password."
        case .unsupportedScheme(let scheme):
            return "The SMTP URL scheme '\(scheme)' is not supported; \(shape)."
        case .missingHost:
            return "The SMTP URL has no host; \(shape)."
        case .invalidPort(let port):
            return "The SMTP port '\(port)' is not a number from 1 to 65535."
        case .incompleteCredentials:
            return "The SMTP URL needs both a user name and a password, or neither (user:password@host)."
        case .unexpectedPath(let path):
            return "The SMTP URL has a path '\(path)'; remove it (options go after '?', e.g. ?ca=/etc/confidant/ca.pem)."
        case .unknownOption(let name):
            return "The SMTP URL option '\(name)' is unknown; known options are starttls, ca, helo and timeout."
        case .invalidOption(let name, let value, let expected):
            return "The SMTP URL option \(name)=\(value) is invalid; expected \(expected)."
        case .startTLSOptionOnImplicitTLS:
            return "The starttls option does not apply to smtps://, which uses TLS from the first byte; remove it."
        case .credentialsWithoutTLS:
            return "starttls=never cannot be combined with a user name and password: credentials are only ever sent over TLS."
        case .plaintextToRemoteHost(let host):
            return "starttls=never is only allowed for a relay on this machine (localhost, 127.0.0.1, ::1), not '\(host)'."
        case .unreadableCertificateFile(let path, let reason):
            return "The SMTP certificate authority file '\(path)' could not be read as PEM certificates: \(reason)."
        case .tlsSetupFailed(let reason):
            return "The SMTP TLS settings could not be used: \(reason)."
        }
    }
}
