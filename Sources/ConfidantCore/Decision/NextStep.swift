/// What a requester can do instead when a share is denied or escalated, in the contract's words.
///
/// The cases are declared in the order decisions list them: asking the DSL first, because
/// the DSL can always be told (contract rule 1).
public enum NextStep: String, CaseIterable, Sendable, Codable, VocabularyElement {
    /// Ask the DSL to decide, or tell them the concern.
    case askDSL = "ask_dsl"
    /// Share the same information de-identified instead, which would be permitted.
    case shareDeidentified = "share_deidentified"
    /// Ask the person (or, for a child who cannot decide, a parent) for consent.
    case seekConsent = "seek_consent"
    /// Seek advice without naming anyone (for example from the local authority's safeguarding team).
    case seekAdvice = "seek_advice"

    /// Every next step in listing order.
    public static let ordered: [NextStep] = allCases

    /// The position of this next step in listing order.
    public var bitIndex: Int {
        switch self {
        case .askDSL: 0
        case .shareDeidentified: 1
        case .seekConsent: 2
        case .seekAdvice: 3
        }
    }

    /// What the requester can do instead, in plain words.
    public var title: String {
        switch self {
        case .askDSL: "Ask the designated safeguarding lead to decide, or tell them the concern"
        case .shareDeidentified: "Share the same information without naming anyone"
        case .seekConsent: "Ask the person (or, for a child who cannot decide, a parent or carer) for consent"
        case .seekAdvice: "Seek advice without naming anyone"
        }
    }
}
