/// A proposed name and email address for an account, checked before anything is stored.
public struct AccountDetails: Sendable, Equatable {
    public let name: String
    public let email: String

    /// The most characters a name or email may have: enough for any real one, small enough to display.
    public static let maximumLength = 200

    /// Checks and normalises a name and an email address (trimmed; email in lower case).
    public init(name: String, email: String) throws(AccountDetailsError) {
        let name = name.trimmingWhitespace
        let email = email.trimmingWhitespace.lowercased()
        guard !name.isEmpty else { throw .missing(field: "name") }
        guard !name.exceedsLimit(Self.maximumLength) else { throw .tooLong(field: "name") }
        guard !email.exceedsLimit(Self.maximumLength) else { throw .tooLong(field: "email") }
        guard Self.looksLikeEmail(email) else { throw .invalidEmail(email) }
        self.name = name
        self.email = email
    }

    /// Every mistake in a name and an email, in the form's order (the initialiser stops at the first).
    public static func problems(name: String, email: String) -> [AccountDetailsError] {
        let name = name.trimmingWhitespace
        let email = email.trimmingWhitespace.lowercased()
        var problems: [AccountDetailsError] = []
        if name.isEmpty { problems.append(.missing(field: "name")) }
        if name.exceedsLimit(maximumLength) { problems.append(.tooLong(field: "name")) }
        if email.exceedsLimit(maximumLength) {
            problems.append(.tooLong(field: "email"))
        } else if !looksLikeEmail(email) {
            problems.append(.invalidEmail(email))
        }
        return problems
    }

    /// A deliberately simple check: one `@`, something before it, a dot in the domain, no spaces or controls.
    public static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 3 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix(".") else { return false }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0 == "<" || $0 == ">" }
    }
}

/// Why a name or email address was not accepted.
public enum AccountDetailsError: Error, Equatable, CustomStringConvertible {
    case missing(field: String)
    case tooLong(field: String)
    case invalidEmail(String)

    public var description: String {
        switch self {
        case .missing(let field): "The \(field) is missing: enter one."
        case .tooLong(let field): "The \(field) is longer than \(AccountDetails.maximumLength) characters."
        case .invalidEmail(let email): "\"\(email)\" is not an email address, for example name@example.org."
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
