/// An email address, with an optional display name, checked to be safe in a header and an SMTP command.
///
/// Only ASCII addresses are accepted: an internationalised address needs SMTPUTF8 end to end,
/// which this client does not use. Display names may be any text and are encoded as needed.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address itself, `local@domain`.
    public let address: String
    /// The name shown before the address, e.g. "Confidant".
    public let displayName: String?

    /// Checks and keeps an address; throws ``MailMessageError`` for line breaks or a malformed address.
    public init(_ address: String, displayName: String? = nil) throws(MailMessageError) {
        if address.contains(where: \.isNewline) { throw .headerInjection(field: "address") }
        if let displayName, displayName.contains(where: \.isNewline) { throw .headerInjection(field: "display name") }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .invalidAddress(address, reason: "it needs exactly one @ with text on both sides")
        }
        guard address.utf8.count <= 254 else { throw .invalidAddress(address, reason: "it is longer than 254 characters") }
        let forbidden: Set<Character> = ["<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\"", " "]
        for character in address {
            guard character.isASCII else {
                throw .invalidAddress(address, reason: "it contains non-ASCII characters")
            }
            guard !forbidden.contains(character), let scalar = character.unicodeScalars.first, scalar.value > 32, scalar.value < 127 else {
                throw .invalidAddress(address, reason: "it contains a space, control character or one of <>()[],;:\\\"")
            }
        }
        guard !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains("..") else {
            throw .invalidAddress(address, reason: "its domain has an empty label")
        }
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The part after the @.
    public var domain: Substring { address.split(separator: "@").last ?? Substring(address) }

    /// The address as it appears in From or To: `Name <local@domain>` or just `local@domain`.
    public var headerValue: String {
        guard let displayName else { return address }
        return "\(MailEncoding.phrase(displayName)) <\(address)>"
    }

    public var description: String { headerValue }
}
