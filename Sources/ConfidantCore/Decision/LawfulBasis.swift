/// The lawful basis a permitted share relies on, in the contract's words.
public enum LawfulBasis: String, CaseIterable, Sendable, Codable {
    /// The person (or, for a child who cannot decide, a parent) agreed.
    case consent
    /// Safeguarding of children and individuals at risk (UK DPA 2018 Schedule 1 paragraph 18).
    case safeguarding
    /// A court order or statutory duty requires the share.
    case legalObligation = "legal_obligation"
    /// Preventing or detecting a serious crime (UK DPA 2018 Schedule 1 paragraph 10).
    case crimePrevention = "crime_prevention"
    /// Protecting the life of a person who cannot decide for themselves.
    case vitalInterests = "vital_interests"
    /// No basis: the share is not permitted (yet).
    case none

    /// The basis in plain words, with the law it rests on.
    public var title: String {
        switch self {
        case .consent: "Consent: the person (or for a child who cannot decide, a parent or carer) agreed"
        case .safeguarding: "Safeguarding of children and individuals at risk (Data Protection Act 2018, Schedule 1, paragraph 18)"
        case .legalObligation: "A court order or statutory duty requires it"
        case .crimePrevention: "Preventing or detecting a serious crime (Data Protection Act 2018, Schedule 1, paragraph 10)"
        case .vitalInterests: "Protecting the life of a person who cannot decide for themselves"
        case .none: "None: not permitted"
        }
    }
}
