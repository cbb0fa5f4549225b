/// The assessed risk to the subject, in the contract's words, from least to most serious.
public enum RiskLevel: String, CaseIterable, Sendable, Codable {
    /// No risk identified.
    case none
    /// A concern that falls short of significant harm.
    case concern
    /// Risk of significant harm: a ground for breaking a confidence for a child or adult at risk (contract rule 5).
    case significantHarm = "significant_harm"
    /// Immediate danger: staff may share at once and tell the DSL straight after (contract rule 6).
    case immediateDanger = "immediate_danger"
}
