/// The person's (or, for a child who cannot decide, a parent's) consent to a share, in the contract's words.
public enum Consent: String, CaseIterable, Sendable, Codable {
    /// Consent to this share was given.
    case given
    /// Consent to this share was refused.
    case refused
    /// Nobody has asked yet.
    case notSought = "not_sought"
    /// Consent cannot be obtained (the person cannot be reached or cannot decide, and no one can decide for them).
    case cannotBeObtained = "cannot_be_obtained"
}
