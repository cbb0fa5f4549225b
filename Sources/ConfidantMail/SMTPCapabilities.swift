/// What a server said it supports in its EHLO reply (RFC 5321 §4.1.1.1).
struct SMTPCapabilities: Sendable, Equatable {
    /// The extension keywords, upper-cased, e.g. `STARTTLS`, `8BITMIME`.
    let keywords: Set<String>
    /// The SASL mechanisms after `AUTH` (or the old `AUTH=` form), upper-cased.
    let authMechanisms: Set<String>

    /// No extensions: what a server that only answers HELO supports.
    static let none = SMTPCapabilities(keywords: [], authMechanisms: [])

    init(keywords: Set<String>, authMechanisms: Set<String>) {
        self.keywords = keywords
        self.authMechanisms = authMechanisms
    }

    /// Reads the lines after the first (which is the server's greeting name) of an EHLO reply.
    init(ehloReply reply: SMTPReply) {
        var keywords: Set<String> = []
        var mechanisms: Set<String> = []
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            keywords.insert(keyword)
            if keyword == "AUTH" { mechanisms.formUnion(words.dropFirst()) }
        }
        self.init(keywords: keywords, authMechanisms: mechanisms)
    }

    /// Whether the server offers STARTTLS.
    var supportsStartTLS: Bool { keywords.contains("STARTTLS") }

    /// The mechanism to log in with: PLAIN when offered (one round trip), else LOGIN, else none.
    var preferredAuthMechanism: SMTPAuthMechanism? {
        SMTPAuthMechanism.allCases.first { authMechanisms.contains($0.rawValue) }
    }
}

/// The SASL mechanisms this client can use, in order of preference.
enum SMTPAuthMechanism: String, CaseIterable, Sendable {
    case plain = "PLAIN"
    case login = "LOGIN"
}
