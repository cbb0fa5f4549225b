/// What the staff member told the person about confidentiality at the outset, in the contract's words.
public enum ConfidentialityOffered: String, CaseIterable, Sendable, Codable {
    /// Limited confidentiality, as the policy asks (Limited confidentiality).
    case limited
    /// Absolute confidentiality, which the policy says should almost never be offered (Definition of confidentiality).
    case absolute
    /// Nothing was said about the limits of confidentiality.
    case notStated = "not_stated"

    /// What the staff member chooses on the concern form, in their words.
    public var label: String {
        switch self {
        case .limited: "Limited confidentiality: I said I might need to share it to keep them safe"
        case .absolute: "I promised to keep it completely secret"
        case .notStated: "I did not say anything about confidentiality"
        }
    }
}
