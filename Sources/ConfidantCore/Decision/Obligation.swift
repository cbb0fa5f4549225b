/// Something that must happen because a share was permitted, in the contract's words.
///
/// The cases are declared in the order decisions list them.
public enum Obligation: String, CaseIterable, Sendable, Codable, VocabularyElement {
    /// Record what was shared, why, to whom, when and by whom: on every permit.
    case recordDecision = "record_decision"
    /// Tell the person that a confidence was broken (Limited confidentiality, last sentence).
    case informIndividual = "inform_individual"
    /// Involve the person in the sharing: record their views and wishes.
    case involveIndividual = "involve_individual"
    /// Informing is withheld: record the reason, the DSL's approval and a review date.
    case recordReasonNotInformed = "record_reason_not_informed"
    /// Shared in an emergency without the DSL: tell the DSL straight after.
    case informDSLAfter = "inform_dsl_after"
    /// Absolute confidentiality was offered: the staff member's practice is reviewed.
    case reviewPractice = "review_practice"

    /// Every obligation in listing order.
    public static let ordered: [Obligation] = allCases

    /// The position of this obligation in listing order.
    public var bitIndex: Int {
        switch self {
        case .recordDecision: 0
        case .informIndividual: 1
        case .involveIndividual: 2
        case .recordReasonNotInformed: 3
        case .informDSLAfter: 4
        case .reviewPractice: 5
        }
    }

    /// What must happen, in plain words for the organisation's own pages (never shown to a recipient: obligations
    /// are the organisation's, not the partner's).
    public var title: String {
        switch self {
        case .recordDecision: "Record what was shared, why, with whom, when and by whom"
        case .informIndividual: "Tell the person that their information was shared, with whom and why"
        case .involveIndividual: "Involve the person: record their views and wishes about the share"
        case .recordReasonNotInformed: "Record why the person is not being told, with a safeguarding lead's approval and a review date"
        case .informDSLAfter: "Tell the designated safeguarding lead straight after"
        case .reviewPractice: "Review with the safeguarding lead why absolute confidentiality was promised"
        }
    }
}
