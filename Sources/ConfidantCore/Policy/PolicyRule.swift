/// A rule the decision engine enforces; each policy clause states one rule in the organisation's words.
///
/// The rules are code and their behaviour is fixed; the clauses that state them (ids, titles,
/// plain-language wording, the policy section they rest on) are data an organisation can replace.
/// The cases are declared in the order decisions list their reasons.
public enum PolicyRule: String, CaseIterable, Sendable, Codable, VocabularyElement {
    /// Safety comes first wherever two rules meet (Policy statement).
    case safetyFirst = "safety_first"
    /// Passing a concern to the DSL, or asking them for advice, is always allowed (contract rule 1).
    case dslCircle = "dsl_circle"
    /// Other staff are told who it is only when they need to know for their work (contract rule 2).
    case needToKnow = "need_to_know"
    /// Advice needs no names (contract rule 2; Policy statement: "seek advice and support").
    case adviceWithoutNames = "advice_without_names"
    /// De-identified discussion with other professionals is limited confidentiality (contract rule 3).
    case limitedConfidentiality = "limited_confidentiality"
    /// Sharing with the person's consent breaks no confidence (contract rule 4).
    case consent
    /// Sharing for purposes other than safeguarding or advice needs consent, a legal duty or a serious crime.
    case purposeLimits = "purpose_limits"
    /// The only grounds for breaking a confidence (contract rule 5).
    case breakingGrounds = "breaking_grounds"
    /// An adult in immediate danger who cannot decide may be protected on vital interests (contract rule 5, extended).
    case vitalInterests = "vital_interests"
    /// Breaking a confidence needs the DSL (contract rule 6).
    case dslApproval = "dsl_approval"
    /// In immediate danger staff share at once and tell the DSL straight after (contract rule 6).
    case emergency
    /// The person is told and involved when a confidence is broken (contract rule 7).
    case informAndInvolve = "inform_and_involve"
    /// Informing may be withheld only for a recorded reason (contract rule 7).
    case withholdInforming = "withhold_informing"
    /// An adult who can decide and refuses has their wishes respected when only they are at risk (contract rule 8).
    case capacityRespected = "capacity_respected"
    /// A promise of absolute confidentiality is kept unless a ground overrides it, and practice is reviewed (contract rule 9).
    case absolutePromise = "absolute_promise"
    /// Nothing goes to the public or to an alleged perpetrator (contract rule 10).
    case neverShare = "never_share"
    /// What each role may share on its own authority (contract rule 10 and the roles of the product).
    case roleLimits = "role_limits"
    /// The order in which a lawful basis is chosen (contract rule 11).
    case lawfulBasisOrder = "lawful_basis_order"
    /// Every permitted share is recorded.
    case recordDecisions = "record_decisions"
    /// The limits of confidentiality are explained at the outset (Limited confidentiality).
    case explainLimits = "explain_limits"

    /// Every rule in reason-listing order.
    public static let ordered: [PolicyRule] = allCases

    /// The position of this rule in reason-listing order.
    public var bitIndex: Int {
        switch self {
        case .safetyFirst: 0
        case .dslCircle: 1
        case .needToKnow: 2
        case .adviceWithoutNames: 3
        case .limitedConfidentiality: 4
        case .consent: 5
        case .purposeLimits: 6
        case .breakingGrounds: 7
        case .vitalInterests: 8
        case .dslApproval: 9
        case .emergency: 10
        case .informAndInvolve: 11
        case .withholdInforming: 12
        case .capacityRespected: 13
        case .absolutePromise: 14
        case .neverShare: 15
        case .roleLimits: 16
        case .lawfulBasisOrder: 17
        case .recordDecisions: 18
        case .explainLimits: 19
        }
    }
}
