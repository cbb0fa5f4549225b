import Foundation

/// Where and how to reach the organisation's mail relay, usually read from `CONFIDANT_SMTP_URL`.
///
/// The rules keep links and one-time codes off the network in clear text:
/// - `smtps://host` (port 465) speaks TLS from the first byte.
/// - `smtp://host` (port 587) must upgrade with STARTTLS; a relay that does not offer it is refused.
///   There is deliberately no "opportunistic" mode, because an attacker on the path can strip the
///   STARTTLS offer.
/// - `smtp://host?starttls=never` sends in clear text, and is accepted only for a relay on this
///   machine (a loopback address) and only without credentials: it exists for local test relays.
///
/// Server certificates are checked against the system trust roots and the host name, or against
/// the certificates in `?ca=/path/to/ca.pem` instead (for an internal or a test certificate authority).
public struct SMTPConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable {
        /// Connect in clear text, then upgrade with STARTTLS before anything else is said.
        case startTLS
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
        /// No TLS at all; loopback relays without credentials only.
        case plaintext
    }

    /// Which certificate authorities may vouch for the relay's certificate.
    public enum TrustRoots: Sendable, Equatable {
        /// The operating system's trust store.
        case system
        /// Only the PEM certificates in this file.
        case certificateFile(String)
    }

    /// A user name and password for SMTP AUTH; the description never shows the password.
    public struct Credentials: Sendable, Equatable, CustomStringConvertible {
        /// The user name, percent-decoded.
        public let username: String
        /// The password, percent-decoded.
        public let password: String

        /// Credentials for AUTH PLAIN or AUTH LOGIN.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "\(username):<redacted>" }
    }

    /// The relay's host name or IP address.
    public let host: String
    /// The relay's TCP port.
    public let port: Int
    /// How the connection is protected.
    public let security: Security
    /// The credentials to authenticate with, if the relay needs them.
    public let credentials: Credentials?
    /// Which certificate authorities are trusted.
    public let trustRoots: TrustRoots
    /// The name this client gives in EHLO.
    public let heloName: String
    /// How long to wait for the TCP connection.
    public let connectTimeout: Duration
    /// How long to wait for each reply from the relay.
    public let replyTimeout: Duration

    /// The default port for a security mode: 587 for STARTTLS and plain text, 465 for implicit TLS.
    public static func defaultPort(for security: Security) -> Int {
        security == .implicitTLS ? 465 : 587
    }

    /// A configuration from its parts, checked against the TLS rules above.
    public init(
        host: String,
        port: Int? = nil,
        security: Security = .startTLS,
        credentials: Credentials? = nil,
        trustRoots: TrustRoots = .system,
        heloName: String = "localhost",
        connectTimeout: Duration = .seconds(10),
        replyTimeout: Duration = .seconds(60)
    ) throws(SMTPConfigurationError) {
        guard !host.isEmpty else { throw .missingHost }
        let port = port ?? Self.defaultPort(for: security)
        guard (1...65535).contains(port) else { throw .invalidPort(String(port)) }
        if security == .plaintext {
            guard credentials == nil else { throw .credentialsWithoutTLS }
            guard Self.isLoopback(host) else { throw .plaintextToRemoteHost(host) }
        }
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.trustRoots = trustRoots
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// Parses `smtp://user:password@host:587?ca=/path/ca.pem` or `smtps://user:password@host:465`.
    ///
    /// Options after `?`: `starttls=required|never` (smtp only; `required` is the default),
    /// `ca=/path/to/ca.pem`, `helo=name` (default `localhost`) and `timeout=seconds` (for the
    /// connection and for each reply; default 10 s to connect and 60 s per reply). The user name
    /// and password are percent-decoded, so `p%40ss` means `p@ss`.
    public init(url text: String) throws(SMTPConfigurationError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            throw .notAURL
        }
        var security: Security
        switch scheme {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw .unsupportedScheme(scheme)
        }
        var host = url.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw .missingHost }

        let port = url.port
        guard url.percentEncodedPath.isEmpty || url.percentEncodedPath == "/" else {
            throw .unexpectedPath(url.percentEncodedPath)
        }

        var credentials: Credentials?
        switch (url.user, url.password) {
        case (nil, nil): credentials = nil
        case (let user?, let password?) where !user.isEmpty && !password.isEmpty:
            credentials = Credentials(username: user, password: password)
        default: throw .incompleteCredentials
        }

        var trustRoots = TrustRoots.system
        var heloName = "localhost"
        var connectTimeout = Duration.seconds(10)
        var replyTimeout = Duration.seconds(60)
        for item in url.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "starttls":
                guard security != .implicitTLS else { throw .startTLSOptionOnImplicitTLS }
                switch value {
                case "required": security = .startTLS
                case "never": security = .plaintext
                default: throw .invalidOption(name: item.name, value: value, expected: "required or never")
                }
            case "ca":
                guard !value.isEmpty else {
                    throw .invalidOption(name: item.name, value: value, expected: "the path of a PEM file")
                }
                trustRoots = .certificateFile(value)
            case "helo":
                guard Self.isValidHeloName(value) else {
                    throw .invalidOption(name: item.name, value: value, expected: "a host name such as mail.example.org")
                }
                heloName = value
            case "timeout":
                guard let seconds = Int(value), (1...600).contains(seconds) else {
                    throw .invalidOption(name: item.name, value: value, expected: "a whole number of seconds from 1 to 600")
                }
                connectTimeout = .seconds(seconds)
                replyTimeout = .seconds(seconds)
            default:
                throw .unknownOption(item.name)
            }
        }
        try self.init(
            host: host, port: port, security: security, credentials: credentials, trustRoots: trustRoots,
            heloName: heloName, connectTimeout: connectTimeout, replyTimeout: replyTimeout
        )
    }

    /// The configuration as a URL with the password replaced, fit for logs.
    public var description: String {
        var text = security == .implicitTLS ? "smtps://" : "smtp://"
        if let credentials { text += "\(credentials.username):<redacted>@" }
        text += host.contains(":") ? "[\(host)]" : host
        text += ":\(port)"
        if security == .plaintext { text += "?starttls=never" }
        return text
    }

    /// Whether `host` names this machine: `localhost`, `127.x.x.x` or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Whether `name` is a plausible EHLO domain: letters, digits, dots and hyphens.
    static func isValidHeloName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 253
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") }
    }
}
