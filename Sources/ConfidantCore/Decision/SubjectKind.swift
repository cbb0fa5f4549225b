/// Whose information a proposed share is about, in the contract's words.
public enum SubjectKind: String, CaseIterable, Sendable, Codable {
    /// A child: safeguarding duties always apply (contract rule 5).
    case child
    /// An adult with care and support needs who cannot protect themselves (an adult at risk).
    case adultAtRisk = "adult_at_risk"
    /// Any other adult.
    case adult
}
