/// The assessed risk to the subject, in the contract's words, from least to most serious: the risk a staff member
/// judged when recording a concern, and the risk a proposed share is assessed at.
public enum RiskLevel: String, CaseIterable, Sendable, Codable, Comparable {
    /// No risk identified.
    case none
    /// A concern that falls short of significant harm.
    case concern
    /// Risk of significant harm: a ground for breaking a confidence for a child or adult at risk (contract rule 5).
    case significantHarm = "significant_harm"
    /// Immediate danger: staff may share at once and tell the DSL straight after (contract rule 6).
    case immediateDanger = "immediate_danger"

    /// Plain words for pages.
    public var label: String {
        switch self {
        case .none: "No immediate risk"
        case .concern: "A concern"
        case .significantHarm: "Risk of significant harm"
        case .immediateDanger: "In immediate danger"
        }
    }

    private var order: Int {
        switch self {
        case .none: 0
        case .concern: 1
        case .significantHarm: 2
        case .immediateDanger: 3
        }
    }

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.order < b.order }
}
